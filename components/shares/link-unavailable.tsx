import Link from 'next/link'
import { unavailableMessage } from '@/lib/downloads/share-messages'

/** The one page every refused share link ends on: expired, revoked or unknown, it says the same thing. */
export function LinkUnavailable() {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold text-slate-900">Link not available</h1>
      <p className="mt-2 text-slate-600" data-testid="share-unavailable">
        {unavailableMessage}
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium underline">
        Go to Score Explorer
      </Link>
    </main>
  )
}
