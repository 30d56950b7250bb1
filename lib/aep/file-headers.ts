import 'server-only'
import type { FileResponseHeaders } from './types'

// Which of Adobe's response headers may travel on to the browser: an allow-list (reliability.md §1.6), so
// Set-Cookie, gateway internals and hop-by-hop headers never do.

export function pickFileHeaders(headers: Headers): FileResponseHeaders {
  const optional = (name: string) => headers.get(name) ?? undefined
  return {
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    contentRange: optional('content-range'),
    acceptRanges: optional('accept-ranges'),
    etag: optional('etag'),
    lastModified: optional('last-modified'),
    contentLength: optional('content-length'),
  }
}

/** A non-negative integer header such as Content-Length; anything else means "unknown". */
export function parseLength(value: string | null | undefined): number | undefined {
  if (value == null || !/^\d{1,15}$/.test(value.trim())) return undefined
  return Number(value.trim())
}

/** The total of `Content-Range: bytes a-b/TOTAL` or `bytes *\/TOTAL`; undefined when the total is `*` or unreadable. */
export function contentRangeTotal(value: string | null | undefined): number | undefined {
  const match = /^bytes\s+(?:\d+-\d+|\*)\/(\d{1,15})\s*$/i.exec(value ?? '')
  return match?.[1] === undefined ? undefined : Number(match[1])
}
