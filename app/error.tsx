'use client'
import { ErrorPanel } from '@/components/ui/error-panel'

export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl p-10">
      <ErrorPanel title="This page could not be shown" error={error} onRetry={reset} />
    </main>
  )
}
