import 'server-only'
import { guardedFetch } from './connect-guard'

/** What the adapter needs from the outside world; tests swap in fakes (scripted fetch, fake clock, fixed jitter). */
export interface AepDeps {
  fetch: typeof fetch
  now: () => number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  random: () => number
}

export interface AepClientOptions {
  /** Abort an attempt when no response headers arrive within this time. */
  headersTimeoutMs: number
  /** Error a streamed body when no chunk arrives for this long (undici's own default is 300 s: far too long). */
  bodyIdleTimeoutMs: number
  /** Bound on a whole JSON call: every attempt, every backoff and reading the body. */
  jsonDeadlineMs: number
  /** Attempts per call in total, the first included (Google SRE's per-request budget of three). */
  maxAttempts: number
  backoffBaseMs: number
  backoffCapMs: number
  /** A longer Retry-After is not waited out: the call fails at once and passes the wait on to the caller. */
  maxRetryAfterS: number
  /** Renew the IMS token when fewer than this many seconds of its life remain. */
  tokenRefreshMarginS: number
  /** Circuit breaker: failures are counted over this rolling window… */
  breakerWindowMs: number
  /** …once it holds at least this many outcomes… */
  breakerMinRequests: number
  /** …and it opens when this share of them failed (5xx, 429, timeouts, network errors). */
  breakerFailureRatio: number
  /** How long it stays open before letting one probe through. */
  breakerResetMs: number
  /** Safety stop for paged listings whose server keeps answering "there is more". */
  maxPages: number
}

export const defaultOptions: AepClientOptions = {
  headersTimeoutMs: 15_000,
  bodyIdleTimeoutMs: 30_000,
  jsonDeadlineMs: 60_000,
  maxAttempts: 3,
  backoffBaseMs: 200,
  backoffCapMs: 5_000,
  maxRetryAfterS: 20,
  tokenRefreshMarginS: 300,
  breakerWindowMs: 10_000,
  breakerMinRequests: 10,
  breakerFailureRatio: 0.5,
  breakerResetMs: 15_000,
  maxPages: 1_000,
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export const defaultDeps: AepDeps = {
  // undici's fetch through a connection pool whose lookups refuse non-public addresses (connect-guard.ts).
  fetch: guardedFetch(),
  now: () => Date.now(),
  sleep: abortableSleep,
  random: () => Math.random(),
}
