import { queryOptions } from '@tanstack/react-query'
import { fetchJson } from '@/lib/query/fetcher'
import { isActive } from '@/lib/query/sandboxes'
import type { InstanceRuns, RunFiles } from '@/lib/runs/types'

const base = (sandbox: string) => `/api/sandboxes/${encodeURIComponent(sandbox)}`

export const instanceRunsQuery = (sandbox: string, datasetId: string) =>
  queryOptions({
    queryKey: ['sandboxes', sandbox, 'datasets', datasetId] as const,
    queryFn: () => fetchJson<InstanceRuns>(`${base(sandbox)}/datasets/${encodeURIComponent(datasetId)}`),
    // A run still processing will finish: keep looking while one is.
    refetchInterval: (query) => (query.state.data?.runs.some((run) => isActive(run.status)) ? 15_000 : false),
  })

export const runFilesQuery = (sandbox: string, batchId: string) =>
  queryOptions({
    queryKey: ['sandboxes', sandbox, 'batches', batchId] as const,
    queryFn: () => fetchJson<RunFiles>(`${base(sandbox)}/batches/${encodeURIComponent(batchId)}`),
    // A finished run never changes; a running one is looked at again until it finishes.
    staleTime: (query) => (query.state.data && !isActive(query.state.data.batch.status) ? Infinity : 0),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data.batch.status) ? 15_000 : false),
  })

export function fileUrl(sandbox: string, dataSetFileId: string, name: string, download = false): string {
  return `${base(sandbox)}/files/${encodeURIComponent(dataSetFileId)}?path=${encodeURIComponent(name)}${download ? '&download=1' : ''}`
}

export function previewPath(sandbox: string, dataSetFileId: string, name: string): string {
  return `/sandboxes/${encodeURIComponent(sandbox)}/files/${encodeURIComponent(dataSetFileId)}?path=${encodeURIComponent(name)}`
}
