import { Suspense } from 'react'
import { TableSkeleton } from '@/components/ui/skeleton'
import { InsightsPanel } from './insights-panel'

/** A run's insights on its page. The panel reads its view state from the address, hence the Suspense boundary. */
export function RunInsights({ sandbox, batchId }: { sandbox: string; batchId: string }) {
  return (
    <section aria-labelledby="insights-heading" data-testid="run-insights" className="mb-8">
      <h2 id="insights-heading" className="mb-3 text-lg font-semibold">
        Insights
      </h2>
      <Suspense fallback={<TableSkeleton label="Loading the run's insights" />}>
        <InsightsPanel sandbox={sandbox} batchId={batchId} />
      </Suspense>
    </section>
  )
}
