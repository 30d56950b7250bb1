import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { resolvePlatformHref } from './links'

// reliability.md T1.1 and F6: hrefs in Adobe's `_links` are untrusted. Accept only same-origin links below the
// Data Access prefix, and check the parsed URL, never string prefixes.

const config = { platformUrl: 'https://platform.adobe.io' }
const origin = 'https://platform.adobe.io'
const prefix = '/data/foundation/export/'

function accepts(href: string): boolean {
  try {
    resolvePlatformHref(href, config)
    return true
  } catch (error) {
    if (!AppError.is(error) || error.code !== 'upstream:aep') throw error
    return false
  }
}

describe('resolvePlatformHref: concrete cases', () => {
  const accepted = [
    'https://platform.adobe.io/data/foundation/export/batches/0099/files?start=1&limit=1',
    // Adobe's own examples carry the default port.
    'https://platform.adobe.io:443/data/foundation/export/files/8dcedb36-1cb2-4496-9a38-7b2041114b56-1',
    'https://PLATFORM.ADOBE.IO/data/foundation/export/files/x-1?path=part-00000.snappy.parquet',
    '/data/foundation/export/batches/0099/files?start=2',
  ]
  it.each(accepted)('accepts %s', (href) => expect(accepts(href)).toBe(true))

  const refused: [string, string][] = [
    ['https://platform.adobe.io/data/foundation/export/files/%2e%2e/%2e%2e/admin', 'encoded dot segments (F6)'],
    ['https://platform.adobe.io/data/foundation/export/../catalog/batches', 'dot segments'],
    ['https://platform.adobe.io@evil.example/data/foundation/export/x', 'userinfo trick: origin is evil.example (F6)'],
    ['https://user:pw@platform.adobe.io/data/foundation/export/x', 'userinfo'],
    ['//evil.example/data/foundation/export/x', 'protocol-relative (F6)'],
    ['http://0x7f000001/data/foundation/export/x', 'hex IP (F6)'],
    ['http://0177.0.0.1/data/foundation/export/x', 'octal IP'],
    ['https://[::ffff:127.0.0.1]/data/foundation/export/x', 'IPv4-mapped IPv6'],
    ['https://platform.adobe.io/data/foundation/export/..%2f..%2fadmin', 'encoded slash stays encoded (F6)'],
    ['https://platform.adobe.io/data/foundation/export/a%5Cb', 'encoded backslash'],
    ['https://platform.adobe.io\\@evil.example/data/foundation/export/x', 'backslash'],
    ['https://platform.adobe.io.evil.example/data/foundation/export/x', 'look-alike host'],
    ['https://platform.adobe.io./data/foundation/export/x', 'trailing-dot host'],
    ['https://platform.adobe.io:8443/data/foundation/export/x', 'other port'],
    ['http://platform.adobe.io/data/foundation/export/x', 'plain http'],
    ['https://platform.adobe.io/data/foundation/catalog/batches', 'outside the prefix'],
    ['https://platform.adobe.io/data/foundation/exporter/x', 'prefix as a string, not a path'],
    ['https://platform.adobe.io/data/foundation/export/x\n', 'control character'],
    ['files/x', 'relative path outside the prefix'],
    ['javascript:alert(1)', 'other scheme'],
  ]
  it.each(refused)('refuses %s (%s)', (href) => expect(accepts(href)).toBe(false))

  it('refuses with a message for people and the href in the log detail', () => {
    try {
      resolvePlatformHref('https://evil.example/data/foundation/export/x', config)
      expect.unreachable()
    } catch (error) {
      expect(AppError.is(error) && error.message).toBe('Adobe returned a link outside the platform; not followed.')
      expect(AppError.is(error) && error.detail).toContain('evil.example')
    }
  })

  it('keeps to the base path of a platform URL that has one', () => {
    const gateway = { platformUrl: 'https://gw.example/aep' }
    expect(resolvePlatformHref('https://gw.example/aep/data/foundation/export/x', gateway).pathname).toBe('/aep/data/foundation/export/x')
    expect(() => resolvePlatformHref('https://gw.example/data/foundation/export/x', gateway)).toThrow(AppError)
  })
})

describe('resolvePlatformHref: property (fast-check, ≥ 10 000 runs)', () => {
  const platformHref = fc
    .tuple(fc.array(fc.webSegment(), { maxLength: 4 }), fc.option(fc.webQueryParameters(), { nil: undefined }))
    .map(([segments, query]) => `${origin}${prefix}${segments.join('/')}${query === undefined ? '' : `?${query}`}`)

  type Mutator = (href: string) => string
  const mutators: Mutator[] = [
    (href) => href,
    (href) => href.replace('://', '://user:pass@'),
    (href) => href.replace('://', '://platform.adobe.io@'),
    (href) => href.replace('platform.adobe.io', 'platform.adobe.io:443'),
    (href) => href.replace('platform.adobe.io', 'platform.adobe.io:8443'),
    (href) => href.replace('platform.adobe.io', 'platform.adobe.io:80'),
    (href) => href.replace(prefix, `${prefix}%2e%2e/%2e%2e/`),
    (href) => href.replace(prefix, `${prefix}../../`),
    (href) => href.replace(prefix, `${prefix}a%2fb/`),
    (href) => href.replace(prefix, `${prefix}a%2Fb/`),
    (href) => href.replace(prefix, `${prefix}a%5cb/`),
    (href) => href.replace(prefix, `${prefix}a\\b/`),
    (href) => href.replace('platform.adobe.io', 'PLATFORM.Adobe.IO'),
    (href) => href.replace('platform.adobe.io', 'platform.adobe.io.'),
    (href) => href.replace('platform.adobe.io', 'platform.adobe.io.evil.example'),
    (href) => href.replace('platform.adobe.io', '0x7f000001'),
    (href) => href.replace('platform.adobe.io', '0177.0.0.1'),
    (href) => href.replace('platform.adobe.io', '[::ffff:127.0.0.1]'),
    (href) => href.replace(/^https?:/, ''),
    (href) => href.replace(/^https:\/\/[^/]+/, ''),
    (href) => href.replace('https:', 'http:'),
    (href) => href.replace('/export/', '/Export/'),
    (href) => `${href}\t`,
  ]

  it('accepted ⇒ same origin, below the prefix, no userinfo, no %2f / %5c / backslash in the raw href', () => {
    let acceptedCount = 0
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), platformHref),
        fc.array(fc.constantFrom(...mutators), { maxLength: 3 }),
        (base, chosen) => {
          const href = chosen.reduce((current, mutate) => mutate(current), base)
          let url: URL
          try {
            url = resolvePlatformHref(href, config)
          } catch (error) {
            if (!AppError.is(error)) throw error
            return
          }
          acceptedCount++
          const parsed = new URL(href, origin)
          expect(parsed.origin).toBe(origin)
          expect(url.origin).toBe(origin)
          expect(parsed.pathname.startsWith(prefix)).toBe(true)
          expect(parsed.username).toBe('')
          expect(parsed.password).toBe('')
          expect(/%2f|%5c|\\/i.test(href)).toBe(false)
          expect(url.pathname.split('/')).not.toContain('..')
        },
      ),
      { numRuns: 10_000 },
    )
    // The property must not hold vacuously: plenty of the generated links are legitimate and accepted.
    expect(acceptedCount).toBeGreaterThan(1000)
  })
})
