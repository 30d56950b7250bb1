import { queryOptions } from '@tanstack/react-query'
import type { Sandbox } from '@/lib/aep/types'
import type { InstanceSummary } from '@/lib/instances/types'
import { fetchJson } from '@/lib/query/fetcher'

// Query keys and browser fetchers, shared by server prefetch (which swaps in a lib call) and client hooks.

export const sandboxesQuery = () =>
  queryOptions({
    queryKey: ['sandboxes'] as const,
    queryFn: async () => (await fetchJson<{ sandboxes: Sandbox[] }>('/api/sandboxes')).sandboxes,
    staleTime: 5 * 60_000,
  })

export const instancesQuery = (sandbox: string) =>
  queryOptions({
    queryKey: ['sandboxes', sandbox, 'instances'] as const,
    queryFn: async () =>
      (await fetchJson<{ instances: InstanceSummary[] }>(`/api/sandboxes/${encodeURIComponent(sandbox)}/instances`))
        .instances,
    // Runs still processing change under us: look again while any is.
    refetchInterval: (query) =>
      query.state.data?.some((instance) => isActive(instance.lastRun?.status)) ? 15_000 : false,
  })

export function isActive(status: string | undefined): boolean {
  return status !== undefined && ['processing', 'queued', 'loading', 'staging', 'retrying', 'staged'].includes(status)
}
