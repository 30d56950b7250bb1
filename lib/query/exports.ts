import { queryOptions } from '@tanstack/react-query'
import type { CreateExportRequest } from '@/lib/exports/request'
import { worthFollowing } from '@/lib/exports/status'
import type { ExportSummary, InstanceExportOptions, TargetDataset } from '@/lib/exports/types'
import { fetchJson } from '@/lib/query/fetcher'

// Query keys and browser fetchers for the segment export path. Every key of a sandbox's exports starts with
// `exportsKey(sandbox)`, so one invalidation after a new job refreshes the list and any job being watched.

const base = (sandbox: string) => `/api/sandboxes/${encodeURIComponent(sandbox)}`

export const exportsKey = (sandbox: string) => ['sandboxes', sandbox, 'exports'] as const

/** The simulator finishes a job in about 3.5 s and Adobe in minutes: once a second keeps the steps visible. */
const jobPollMs = 1_000
const listPollMs = 3_000

export const instanceSegmentsQuery = (sandbox: string, datasetId: string) =>
  queryOptions({
    queryKey: ['sandboxes', sandbox, 'datasets', datasetId, 'segments'] as const,
    queryFn: () =>
      fetchJson<InstanceExportOptions>(`${base(sandbox)}/segments?datasetId=${encodeURIComponent(datasetId)}`),
    staleTime: 60_000,
  })

export const exportTargetsQuery = (sandbox: string) =>
  queryOptions({
    queryKey: ['sandboxes', sandbox, 'export-targets'] as const,
    queryFn: async () => (await fetchJson<{ datasets: TargetDataset[] }>(`${base(sandbox)}/exports/targets`)).datasets,
    staleTime: 60_000,
  })

export const recentExportsQuery = (sandbox: string) =>
  queryOptions({
    queryKey: exportsKey(sandbox),
    queryFn: async () => (await fetchJson<{ exports: ExportSummary[] }>(`${base(sandbox)}/exports`)).exports,
    // Jobs still running change under us: look again while any is.
    refetchInterval: (query) => (query.state.data?.some(worthFollowing) ? listPollMs : false),
  })

export const exportJobQuery = (sandbox: string, exportId: string) =>
  queryOptions({
    queryKey: [...exportsKey(sandbox), exportId] as const,
    queryFn: () => fetchJson<ExportSummary>(`${base(sandbox)}/exports/${encodeURIComponent(exportId)}`),
    // A finished job never changes; a running one is followed until it finishes.
    staleTime: (query) => (query.state.data && !worthFollowing(query.state.data) ? Infinity : 0),
    refetchInterval: (query) => (query.state.data && !worthFollowing(query.state.data) ? false : jobPollMs),
  })

/** Starts an export; the same `requestKey` twice answers the same job. */
export function postExport(sandbox: string, body: CreateExportRequest): Promise<ExportSummary> {
  return fetchJson<ExportSummary>(`${base(sandbox)}/exports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** 128 random bits, hex. getRandomValues works on plain-http origins too, where randomUUID does not. */
export function newRequestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Where an export's batch is browsed: the run page, like any scoring run. */
export function exportBatchPath(sandbox: string, batchId: string): string {
  return `/sandboxes/${encodeURIComponent(sandbox)}/batches/${encodeURIComponent(batchId)}`
}
