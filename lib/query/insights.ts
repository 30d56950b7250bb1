import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import type { InsightsState } from '@/lib/insights/schema'
import { fetchJson } from '@/lib/query/fetcher'

// A run's insights. While the server computes them the page asks again every second (the progress it shows is the
// server's own: files and bytes read); once they are done they never change.

const insightsPath = (sandbox: string, batchId: string) =>
  `/api/sandboxes/${encodeURIComponent(sandbox)}/batches/${encodeURIComponent(batchId)}/insights`

const pollMs = 1_000

export const insightsKey = (sandbox: string, batchId: string) => ['sandboxes', sandbox, 'batches', batchId, 'insights'] as const

export const runInsightsQuery = (sandbox: string, batchId: string, top: number) =>
  queryOptions({
    queryKey: [...insightsKey(sandbox, batchId), top] as const,
    queryFn: () => fetchJson<InsightsState>(`${insightsPath(sandbox, batchId)}?top=${top}`),
    staleTime: (query) => (query.state.data?.status === 'done' ? Infinity : 0),
    refetchInterval: (query) => (query.state.data?.status === 'computing' ? pollMs : false),
    // Changing N keeps the current list on screen until the new one is in.
    placeholderData: keepPreviousData,
  })

/** Starts a failed computation again; the answer is the new state. */
export function retryInsights(sandbox: string, batchId: string, top: number): Promise<InsightsState> {
  return fetchJson<InsightsState>(`${insightsPath(sandbox, batchId)}?top=${top}&retry=1`)
}

/** Where a top profile's row is previewed: its file, scrolled to its row. */
export function profileRowPath(sandbox: string, dataSetFileId: string, name: string, rowIndex: number): string {
  return `/sandboxes/${encodeURIComponent(sandbox)}/files/${encodeURIComponent(dataSetFileId)}?path=${encodeURIComponent(name)}&row=${rowIndex}`
}
