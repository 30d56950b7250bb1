import 'server-only'
import { AppError } from '@/lib/errors'

// A small circuit breaker for Platform calls. While Adobe is failing most requests, more requests only add load and
// make people wait for timeouts: fail fast instead, then let a single probe find out whether it recovered.
// Outcomes are counted in one-second buckets over a rolling window, so memory stays fixed under any load.

export interface BreakerOptions {
  windowMs: number
  minRequests: number
  failureRatio: number
  resetMs: number
  now: () => number
}

export interface CircuitBreaker {
  /** Throws `unavailable:aep` (with retryAfter) while open, or while a half-open probe is already out. */
  admit(): void
  /** 2xx–4xx other than 429 (Adobe answered sensibly). */
  recordSuccess(): void
  /** 5xx, 429, timeouts, network errors. */
  recordFailure(): void
  /** The caller gave up (e.g. the browser went away): no verdict, but a probe slot is released. */
  recordAbandoned(): void
  readonly state: 'closed' | 'open' | 'half-open'
}

const bucketMs = 1000

export function createCircuitBreaker(options: BreakerOptions): CircuitBreaker {
  const buckets = new Map<number, { total: number; failed: number }>()
  let openedAt: number | undefined
  let probeOut = false

  const currentState = (): CircuitBreaker['state'] => {
    if (openedAt === undefined) return 'closed'
    return options.now() - openedAt >= options.resetMs ? 'half-open' : 'open'
  }

  const count = (failed: boolean) => {
    const now = options.now()
    const key = Math.floor(now / bucketMs)
    const bucket = buckets.get(key) ?? { total: 0, failed: 0 }
    bucket.total += 1
    if (failed) bucket.failed += 1
    buckets.set(key, bucket)
    let total = 0
    let failures = 0
    for (const [start, entry] of buckets) {
      if ((start + 1) * bucketMs <= now - options.windowMs) buckets.delete(start)
      else {
        total += entry.total
        failures += entry.failed
      }
    }
    return { total, failures }
  }

  const open = () => {
    openedAt = options.now()
    probeOut = false
    buckets.clear()
  }

  return {
    get state() {
      return currentState()
    },
    admit() {
      const state = currentState()
      if (state === 'closed') return
      if (state === 'half-open' && !probeOut) {
        probeOut = true
        return
      }
      const waitMs = state === 'open' && openedAt !== undefined ? openedAt + options.resetMs - options.now() : options.resetMs
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
      throw new AppError('unavailable:aep', `Adobe Experience Platform is failing right now; try again in ${retryAfter} s.`, {
        retryAfter,
        detail: `circuit breaker ${state}`,
      })
    },
    recordSuccess() {
      if (currentState() === 'half-open') {
        openedAt = undefined
        probeOut = false
        buckets.clear()
        return
      }
      count(false)
    },
    recordFailure() {
      const state = currentState()
      // A failed probe re-opens; a late failure from before the opening must not extend it.
      if (state === 'half-open') return open()
      if (state === 'open') return
      const { total, failures } = count(true)
      if (total >= options.minRequests && failures / total >= options.failureRatio) open()
    },
    recordAbandoned() {
      probeOut = false
    },
  }
}
