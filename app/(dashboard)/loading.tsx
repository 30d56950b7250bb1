import { TableSkeleton } from '@/components/ui/skeleton'

// Shown while a page asks Adobe for its data on the server.
export default function Loading() {
  return (
    <main className="mx-auto max-w-6xl px-6 py-8" aria-busy="true">
      <div className="mb-6 h-7 w-64 animate-pulse rounded bg-slate-200" />
      <TableSkeleton label="Loading" />
    </main>
  )
}
