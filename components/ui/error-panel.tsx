'use client'
import { AppError } from '@/lib/errors'

/** How any failed request is shown: what happened, in words, and a way to try again. */
export function ErrorPanel({ error, onRetry, title = 'This could not be loaded' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const message = AppError.is(error) ? error.message : 'The app could not be reached. Check your connection and try again.'
  const code = AppError.is(error) ? (error.upstreamCode ? `${error.code} · Adobe ${error.upstreamCode}` : error.code) : undefined
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-medium">{title}</p>
      <p className="mt-1">{message}</p>
      {code && <p className="mt-1 font-mono text-xs text-red-700">{code}</p>}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500"
        >
          Try again
        </button>
      )}
    </div>
  )
}
