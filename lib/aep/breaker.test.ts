import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { createCircuitBreaker } from './breaker'
import { catalogBatch, fakeClock, json, status, testClient } from './testing/fake-adobe'

// reliability.md §4.3 / T4.4: open on a high failure ratio, fail fast while open, one half-open probe, recover.

const options = { windowMs: 10_000, minRequests: 4, failureRatio: 0.5, resetMs: 5_000 }

describe('circuit breaker (unit)', () => {
  it('stays closed below the minimum request count, opens once the ratio is reached', () => {
    const clock = fakeClock()
    const breaker = createCircuitBreaker({ ...options, now: clock.now })
    breaker.recordFailure()
    breaker.recordFailure()
    breaker.recordFailure()
    expect(breaker.state).toBe('closed')
    breaker.recordSuccess()
    expect(breaker.state).toBe('closed') // the ratio is judged when a failure is recorded
    breaker.recordFailure()
    expect(breaker.state).toBe('open')
    expect(() => breaker.admit()).toThrow(AppError)
  })

  it('forgets outcomes older than the window', () => {
    const clock = fakeClock()
    const breaker = createCircuitBreaker({ ...options, now: clock.now })
    breaker.recordFailure()
    breaker.recordFailure()
    breaker.recordFailure()
    clock.advance(11_000)
    breaker.recordFailure()
    expect(breaker.state).toBe('closed')
  })

  it('half-opens after the reset time, lets one probe through, and closes on its success', () => {
    const clock = fakeClock()
    const breaker = createCircuitBreaker({ ...options, now: clock.now })
    for (let i = 0; i < 4; i++) breaker.recordFailure()
    clock.advance(5_000)
    expect(breaker.state).toBe('half-open')
    breaker.admit() // the probe
    expect(() => breaker.admit()).toThrow(AppError) // a second caller while the probe is out
    breaker.recordSuccess()
    expect(breaker.state).toBe('closed')
    breaker.admit()
  })

  it('re-opens when the probe fails; an abandoned probe frees the slot', () => {
    const clock = fakeClock()
    const breaker = createCircuitBreaker({ ...options, now: clock.now })
    for (let i = 0; i < 4; i++) breaker.recordFailure()
    clock.advance(5_000)
    breaker.admit()
    breaker.recordAbandoned()
    breaker.admit()
    breaker.recordFailure()
    expect(breaker.state).toBe('open')
  })
})

describe('circuit breaker through the client', () => {
  it('opens on 5xx, fails fast without calling Adobe, then half-opens and recovers', async () => {
    let healthy = false
    const { client, adobe, clock } = testClient(
      { platform: () => (healthy ? json({ b1: catalogBatch() }) : status(503)) },
      { maxAttempts: 1, breakerMinRequests: 4, breakerResetMs: 5_000 },
    )
    for (let i = 0; i < 4; i++) await expect(client.catalog.getBatch('prod', 'b1')).rejects.toMatchObject({ code: 'unavailable:aep' })
    expect(adobe.platformCalls).toHaveLength(4)

    const started = performance.now()
    const fast = await client.catalog.getBatch('prod', 'b1').catch((reason: unknown) => reason)
    expect(performance.now() - started).toBeLessThan(10)
    expect(AppError.is(fast) && fast.code).toBe('unavailable:aep')
    expect(AppError.is(fast) && fast.retryAfter).toBe(5)
    expect(adobe.platformCalls).toHaveLength(4) // no request went out

    clock.advance(5_000)
    healthy = true
    await client.catalog.getBatch('prod', 'b1') // the probe
    await client.catalog.getBatch('prod', 'b1')
    expect(adobe.platformCalls).toHaveLength(6)
  })

  it('4xx other than 429 do not count as failures', async () => {
    const { client, adobe } = testClient({ platform: () => status(404) }, { maxAttempts: 1, breakerMinRequests: 4 })
    for (let i = 0; i < 10; i++) await expect(client.catalog.getBatch('prod', 'b1')).rejects.toMatchObject({ code: 'not_found:aep' })
    expect(adobe.platformCalls).toHaveLength(10)
  })
})
