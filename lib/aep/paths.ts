import 'server-only'
import { AppError } from '@/lib/errors'

// Every upstream address is built here from a constant template and encoded identifiers: callers hand over ids,
// never URLs. The only other way to name an upstream address is a `_links` href that passed ./links.ts.

/** A path below the configured platform URL, e.g. `/data/foundation/catalog/batches/<encoded id>`. */
export interface PlatformPath {
  readonly kind: 'path'
  readonly path: string
}

/** An absolute URL from Adobe's `_links` that resolvePlatformHref accepted. */
export interface PlatformLink {
  readonly kind: 'link'
  readonly url: URL
}

export type PlatformTarget = PlatformPath | PlatformLink

export type QueryValue = string | number | undefined

/**
 * Tagged template: `apiPath\`/data/foundation/catalog/batches/${id}\``. Each interpolated value is one path segment,
 * checked and percent-encoded; the literal parts are ours.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): PlatformPath {
  let path = strings[0] ?? ''
  segments.forEach((segment, index) => {
    path += encodeSegment(segment) + (strings[index + 1] ?? '')
  })
  return { kind: 'path', path }
}

function encodeSegment(segment: string): string {
  // encodeURIComponent leaves `.` alone, so `..` would survive encoding and climb out of the path.
  if (segment === '' || segment === '.' || segment === '..' || segment.length > 512 || /[\u0000-\u001f\u007f]/.test(segment)) {
    throw new AppError('bad_request:aep', 'That identifier is not valid.', { detail: `rejected path segment ${JSON.stringify(segment)}` })
  }
  return encodeURIComponent(segment)
}

/**
 * `a=1&b=x%20y`. Encoded with encodeURIComponent (spaces as %20, not URLSearchParams' `+`), because a Catalog
 * filter such as `name~^Customer AI Scores - ` must reach Adobe with its spaces intact.
 */
export function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return ''
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`
}

/** The absolute URL of a target. The platform URL may carry a base path (e.g. behind a gateway); paths go below it. */
export function targetUrl(platformUrl: string, target: PlatformTarget, query?: Readonly<Record<string, QueryValue>>): URL {
  if (target.kind === 'link') return new URL(target.url)
  return new URL(`${platformUrl.replace(/\/+$/, '')}${target.path}${queryString(query)}`)
}
