import Link from 'next/link'
import { unavailableMessage } from '@/lib/downloads/share-messages'

/**
 * The page a refused share link ends on. Expired, revoked or unknown, it says the same thing; only a person refused
 * for trying too many links gets other words (and they already know they tried).
 */
export function LinkUnavailable({ title = 'Link not available', message = unavailableMessage, testId = 'share-unavailable' }: { title?: string; message?: string; testId?: string }) {
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-600" data-testid={testId}>
        {message}
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium underline">
        Go to Score Explorer
      </Link>
    </main>
  )
}
