import { queryOptions } from '@tanstack/react-query'
import type {
  CreatedShareResponse,
  CreateShareRequest,
  RevokedShareResponse,
  ShareAuditResponse,
  ShareListResponse,
} from '@/app/api/shares/schema'
import { fetchJson } from '@/lib/query/fetcher'

// Query keys, fetchers and addresses for share links, shared by server prefetch and client hooks.

export const mySharesKey = ['shares'] as const

export const mySharesQuery = () =>
  queryOptions({
    queryKey: mySharesKey,
    queryFn: async () => (await fetchJson<ShareListResponse>('/api/shares')).links,
    // Download counts and last use change while the page is open; a minute is fresh enough.
    refetchInterval: 60_000,
  })

export const shareAuditQuery = (id: string) =>
  queryOptions({
    queryKey: [...mySharesKey, id, 'audit'] as const,
    queryFn: async () => (await fetchJson<ShareAuditResponse>(`/api/shares/${encodeURIComponent(id)}/audit`)).entries,
    staleTime: 0,
  })

const jsonInit = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
})

export function createShare(body: CreateShareRequest): Promise<CreatedShareResponse> {
  return fetchJson<CreatedShareResponse>('/api/shares', jsonInit('POST', body))
}

export async function revokeShare(id: string): Promise<RevokedShareResponse['link']> {
  return (await fetchJson<RevokedShareResponse>(`/api/shares/${encodeURIComponent(id)}`, jsonInit('DELETE'))).link
}

export interface SharedPart {
  dataSetFileId: string
  name: string
}

/** A shared file's bytes; for a run link, one of its parts. */
export function sharedFileUrl(id: string, { part, download = false }: { part?: SharedPart; download?: boolean } = {}): string {
  const query = new URLSearchParams()
  if (part) {
    query.set('dataSetFileId', part.dataSetFileId)
    query.set('path', part.name)
  }
  if (download) query.set('download', '1')
  const search = query.toString()
  return `/api/shares/${encodeURIComponent(id)}/file${search ? `?${search}` : ''}`
}

export function sharedZipUrl(id: string): string {
  return `/api/shares/${encodeURIComponent(id)}/zip`
}
