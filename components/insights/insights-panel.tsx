'use client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ErrorPanel } from '@/components/ui/error-panel'
import { TableSkeleton } from '@/components/ui/skeleton'
import { insightsKey, retryInsights, runInsightsQuery } from '@/lib/query/insights'
import { InsightsProgress } from './insights-progress'
import { InsightsResultView } from './insights-result'
import { TopProfiles } from './top-profiles'
import { useInsightsView } from './use-insights-view'

/** Follows a run's insights: progress while the server computes them (the top list as soon as it is known), then the result. */
export function InsightsPanel({ sandbox, batchId }: { sandbox: string; batchId: string }) {
  const { view, setView } = useInsightsView()
  const queryClient = useQueryClient()
  const { data, error, isPending, refetch } = useQuery(runInsightsQuery(sandbox, batchId, view.top))
  const retry = useMutation({
    mutationFn: () => retryInsights(sandbox, batchId, view.top),
    onSuccess: (state) => {
      queryClient.removeQueries({ queryKey: insightsKey(sandbox, batchId) })
      queryClient.setQueryData(runInsightsQuery(sandbox, batchId, view.top).queryKey, state)
    },
  })

  if (isPending) return <TableSkeleton label="Loading the run's insights" />
  if (error && !data) return <ErrorPanel title="The run's insights could not be loaded" error={error} onRetry={() => void refetch()} />
  if (data.status === 'unavailable') {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" data-testid="insights-unavailable">
        {data.message}
      </p>
    )
  }
  if (data.status === 'failed') {
    return (
      <div className="space-y-2" data-testid="insights-failed">
        {/* Not an alert: the run and its files are fine, and a later visit tries again by itself. */}
        <div className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-medium">The insights of this run could not be computed</p>
          <p className="mt-1">{data.message}</p>
          <p className="mt-1 text-red-800">A visit a minute from now starts them again by itself.</p>
          <button
            type="button"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
            className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-800 hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-50"
          >
            {retry.isPending ? 'Starting again…' : 'Try again'}
          </button>
        </div>
        {retry.error && <ErrorPanel title="Starting again failed" error={retry.error} />}
      </div>
    )
  }
  if (data.status === 'computing') {
    return (
      <div className="space-y-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <InsightsProgress progress={data.progress} />
        </div>
        {data.top && (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <TopProfiles sandbox={sandbox} rows={data.top} propensity={data.propensityType} n={view.top} onN={(top) => setView({ ...view, top })} computing />
          </div>
        )}
        {error && <ErrorPanel title="Progress could not be refreshed just now" error={error} onRetry={() => void refetch()} />}
      </div>
    )
  }
  return <InsightsResultView sandbox={sandbox} result={data.result} view={view} setView={setView} />
}
