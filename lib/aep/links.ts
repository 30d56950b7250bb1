import 'server-only'
import { AppError } from '@/lib/errors'
import type { PlatformLink } from './paths'

// `_links.*.href` values come from Adobe's response bodies, so they are untrusted input: a link that pointed
// elsewhere would carry our Authorization and x-api-key headers there. The checks run on the *parsed* URL
// (origin, port, userinfo, normalised pathname), because string prefixes are fooled by `@`, `//x`, `%2e%2e` and
// friends (reliability.md F6), and on the raw text for what parsing would hide or the upstream might decode later.

export const dataAccessPrefix = '/data/foundation/export/'

// `%2f`/`%5c` stay encoded through URL parsing and may be decoded by the upstream; `\` is read as `/` by WHATWG URL.
const forbiddenRaw = /%2f|%5c|\\|[\u0000-\u001f\u007f]/i
/** A `.` or `..` segment, plain or percent-encoded. */
const dotSegment = /^(?:\.|%2e){1,2}$/i

export function refuseLink(href: string, reason: string): never {
  throw new AppError('upstream:aep', 'Adobe returned a link outside the platform; not followed.', {
    detail: `${reason}: ${JSON.stringify(href.slice(0, 300))}`,
  })
}

/**
 * Resolves an href from Adobe against the configured platform URL and returns it only if it stays on that origin,
 * below `prefix` (itself below the platform URL's own base path). Throws `upstream:aep` otherwise.
 */
export function resolvePlatformHref(href: string, config: { platformUrl: string }, prefix: string = dataAccessPrefix): URL {
  if (forbiddenRaw.test(href)) refuseLink(href, 'encoded slash, backslash or control character')
  const rawPath = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? ''
  if (rawPath.split('/').some((segment) => dotSegment.test(segment))) refuseLink(href, 'dot segment')

  const platform = new URL(config.platformUrl)
  let url: URL
  try {
    url = new URL(href, platform)
  } catch {
    refuseLink(href, 'unparseable')
  }
  if (url.protocol !== platform.protocol || url.host !== platform.host) refuseLink(href, 'other origin')
  if (url.username !== '' || url.password !== '') refuseLink(href, 'userinfo')
  const expectedPrefix = `${platform.pathname.replace(/\/+$/, '')}${prefix}`
  if (!url.pathname.startsWith(expectedPrefix)) refuseLink(href, `path outside ${expectedPrefix}`)
  if (url.pathname.split('/').some((segment) => dotSegment.test(segment))) refuseLink(href, 'dot segment after parsing')
  return url
}

export function platformLink(href: string, config: { platformUrl: string }, prefix?: string): PlatformLink {
  return { kind: 'link', url: resolvePlatformHref(href, config, prefix) }
}
