import Link from 'next/link'

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">This address does not name a sandbox, instance, run or file that exists.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium underline">
        Back to your instances
      </Link>
    </main>
  )
}
