import 'server-only'
import { AppError } from '@/lib/errors'
import type { AepConfig } from '@/lib/config/schema'
import type { AepClientOptions, AepDeps } from './options'
import { parseRetryAfter } from './retry'
import { raceAbort, timeoutSignal } from './signals'
import { formatDuration, headersTimeoutError } from './timeouts'
import { parseAdobeErrorBody } from './upstream-errors'
import { wireImsToken } from './wire/ims'

// The server-to-server IMS token (OAuth client_credentials). Adobe asks clients to cache it, and throttles those
// that ask too often, so there is one cached token per process, renewed shortly before it expires, and at most one
// request to IMS in flight however many callers need a token at once (openfga/js-sdk#333's regression, reliability.md §4.4).

export interface TokenSource {
  /** A token with more than the refresh margin left, from the cache or from one shared IMS request. */
  get(): Promise<string>
  /** Drop the cached token, but only if it is still `token`: a caller holding an older one must not evict a fresh one. */
  invalidate(token: string): void
}

interface CachedToken {
  token: string
  expiresAt: number
  refreshAt: number
}

type TokenOptions = Pick<AepClientOptions, 'tokenRefreshMarginS' | 'headersTimeoutMs'>

export function createTokenCache(config: AepConfig, deps: AepDeps, options: TokenOptions): TokenSource {
  let cached: CachedToken | undefined
  let inFlight: Promise<string> | undefined

  const refresh = async (): Promise<string> => {
    try {
      cached = await requestToken(config, deps, options)
      return cached.token
    } catch (error) {
      // IMS is down but the old token still has a few minutes: better to use it than to fail the page.
      if (cached && deps.now() < cached.expiresAt) return cached.token
      throw error
    }
  }

  return {
    get() {
      if (cached && deps.now() < cached.refreshAt) return Promise.resolve(cached.token)
      inFlight ??= refresh().finally(() => {
        inFlight = undefined
      })
      return inFlight
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined
    },
  }
}

async function requestToken(config: AepConfig, deps: AepDeps, options: TokenOptions): Promise<CachedToken> {
  const body = new URLSearchParams({
    client_id: config.clientId,
    client_secret: config.clientSecret,
    grant_type: 'client_credentials',
    scope: config.scopes,
  })
  // One budget for the whole exchange: the answer is a few hundred bytes.
  const timeout = timeoutSignal(options.headersTimeoutMs, () => headersTimeoutError(options.headersTimeoutMs))
  try {
    let response: Response
    try {
      response = await deps.fetch(`${config.imsUrl.replace(/\/+$/, '')}/ims/token/v3`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body.toString(),
        redirect: 'manual',
        signal: timeout.signal,
      })
    } catch (error) {
      throw imsUnreachable(error, timeout.signal.aborted, options.headersTimeoutMs)
    }
    const text = await raceAbort(response.text(), timeout.signal).catch((error: unknown) => {
      throw imsUnreachable(error, timeout.signal.aborted, options.headersTimeoutMs)
    })
    if (!response.ok) throw imsRefusal(response.status, text, parseRetryAfter(response.headers.get('retry-after'), deps.now()))
    const parsed = wireImsToken.safeParse(safeJson(text))
    if (!parsed.success) {
      throw new AppError('upstream:aep', 'Adobe IMS answered the token request in an unexpected shape.', {
        detail: parsed.error.message.slice(0, 1000),
      })
    }
    const lifetimeS = parsed.data.expires_in
    // A short-lived token (say 60 s) would otherwise be "due for renewal" from birth and cost an IMS call per request.
    const marginS = Math.min(options.tokenRefreshMarginS, lifetimeS / 2)
    const now = deps.now()
    return { token: parsed.data.access_token, expiresAt: now + lifetimeS * 1000, refreshAt: now + (lifetimeS - marginS) * 1000 }
  } finally {
    timeout.clear()
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function imsUnreachable(cause: unknown, timedOut: boolean, timeoutMs: number): AppError {
  if (timedOut) {
    return new AppError('upstream_timeout:aep', `Adobe IMS did not answer within ${formatDuration(timeoutMs)}.`, { cause })
  }
  return new AppError('unavailable:aep', 'Adobe IMS could not be reached to get a server token; try again in a moment.', {
    cause,
    detail: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
  })
}

function imsRefusal(status: number, text: string, retryAfterS: number | undefined): AppError {
  const { code, text: adobeText } = parseAdobeErrorBody(text)
  const options = { upstreamCode: code, retryAfter: retryAfterS, detail: `IMS ${status}${adobeText ? `: ${adobeText}` : ''}` }
  const codeSuffix = code ? ` (${code})` : ` (${status})`
  if (status === 429) {
    return new AppError('rate_limited:aep', `Adobe IMS is throttling token requests; try again in ${retryAfterS ?? 'a few'} s.`, options)
  }
  if (status >= 500) return new AppError('unavailable:aep', `Adobe IMS could not issue a server token right now${codeSuffix}.`, options)
  if (code === 'invalid_scope') {
    return new AppError('forbidden:aep', `Adobe IMS refused the requested scopes${codeSuffix}. Check AEP_SCOPES.`, options)
  }
  if (status >= 400) {
    return new AppError(
      'forbidden:aep',
      `Adobe IMS refused the server credential${codeSuffix}. Check AEP_CLIENT_ID and AEP_CLIENT_SECRET.`,
      options,
    )
  }
  return new AppError('upstream:aep', `Adobe IMS answered ${status} to the token request; it was not followed.`, options)
}
