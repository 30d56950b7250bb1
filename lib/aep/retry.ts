import 'server-only'

// The retry policy, as pure functions: what may be retried, how long to wait, and what Retry-After says.

export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** Only requests that cannot change anything twice are repeated; a POST may have landed even when its answer did not. */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD'
}

/** Capped exponential backoff with full jitter: `random() * min(cap, base * 2^attempt)`, attempt counted from 0. */
export function backoffDelayMs(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  return random() * Math.min(capMs, baseMs * 2 ** attempt)
}

/**
 * Retry-After in seconds (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, measured against `nowMs`.
 * A date in the past means 0; anything unreadable means "not given".
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - nowMs) / 1000))
}

export type RetryDecision =
  | { kind: 'retry'; delayMs: number }
  /** Stop and report; `retryAfterS` is passed on when Adobe asked for a wait we will not sit out. */
  | { kind: 'fail'; retryAfterS?: number }

export interface RetryPolicy {
  maxAttempts: number
  backoffBaseMs: number
  backoffCapMs: number
  maxRetryAfterS: number
  random: () => number
}

/** What to do after attempt number `attempt` (0-based) answered `status`. */
export function decideRetry(
  policy: RetryPolicy,
  input: { method: string; status: number; attempt: number; retryAfterS?: number },
): RetryDecision {
  const { method, status, attempt, retryAfterS } = input
  if (!retryableStatuses.has(status) || !isIdempotent(method)) return { kind: 'fail', retryAfterS }
  if (retryAfterS !== undefined && retryAfterS > policy.maxRetryAfterS) return { kind: 'fail', retryAfterS }
  if (attempt + 1 >= policy.maxAttempts) return { kind: 'fail', retryAfterS }
  const delayMs =
    retryAfterS !== undefined
      ? retryAfterS * 1000
      : backoffDelayMs(attempt, policy.random, policy.backoffBaseMs, policy.backoffCapMs)
  return { kind: 'retry', delayMs }
}

/** Same rule for an attempt that got no response at all (connection refused or reset). */
export function decideNetworkRetry(policy: RetryPolicy, input: { method: string; attempt: number }): RetryDecision {
  if (!isIdempotent(input.method) || input.attempt + 1 >= policy.maxAttempts) return { kind: 'fail' }
  return { kind: 'retry', delayMs: backoffDelayMs(input.attempt, policy.random, policy.backoffBaseMs, policy.backoffCapMs) }
}
