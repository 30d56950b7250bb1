import 'server-only'
import type { FileResponseHeaders } from '@/lib/aep/types'
import { attachmentFor } from '@/lib/http/disposition'

// Response headers for file bytes, from an allow-list. The size goes out as `x-file-size` (Next 16 strips
// Content-Length from route handlers, reliability.md F1; scripts/restore-content-length.ts puts it back from this).

const parquetTypes = new Set(['application/parquet', 'application/vnd.apache.parquet', 'application/octet-stream'])

export interface FileResponseInit {
  name: string
  size?: number
  upstream?: FileResponseHeaders
  asAttachment: boolean
}

export function fileResponseHeaders({ name, size, upstream, asAttachment }: FileResponseInit): Headers {
  const headers = new Headers({
    'content-type': upstream && parquetTypes.has(upstream.contentType.split(';')[0]?.trim() ?? '') ? upstream.contentType : 'application/octet-stream',
    'accept-ranges': 'bytes',
    // no-transform keeps the compression layer away from the bytes, so Content-Length stays true.
    'cache-control': 'private, no-store, no-transform',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
  })
  if (asAttachment) headers.set('content-disposition', attachmentFor(name))
  if (size !== undefined) headers.set('x-file-size', String(size))
  if (upstream?.contentRange) headers.set('content-range', upstream.contentRange)
  if (upstream?.etag) headers.set('etag', upstream.etag)
  if (upstream?.lastModified) headers.set('last-modified', upstream.lastModified)
  return headers
}

const ifRangePattern = /^(?:W\/)?"[\x21\x23-\x7e]{0,200}"$|^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/

/** If-Range is forwarded only when it is an ETag or an HTTP date: nothing else of the browser's travels upstream. */
export function validIfRange(value: string | null): string | undefined {
  return value !== null && ifRangePattern.test(value) ? value : undefined
}
