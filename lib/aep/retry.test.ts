import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '@/lib/testing/app-error'
import { backoffDelayMs, decideRetry, parseRetryAfter, type RetryPolicy } from './retry'
import { catalogBatch, json, status, testClient } from './testing/fake-adobe'

// reliability.md T4.1: retry counts and delays, with a fake clock (no real waiting) and fixed jitter.

const batchAnswer = () => json({ '01E5QSWCAASFQ054FNBKYV6TIQ': catalogBatch() })
const getBatch = (client: ReturnType<typeof testClient>['client']) => client.catalog.getBatch('prod', '01E5QSWCAASFQ054FNBKYV6TIQ')

describe('retry policy (pure)', () => {
  it('reads Retry-After as delta-seconds and as an HTTP-date', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0)
    expect(parseRetryAfter('2', now)).toBe(2)
    expect(parseRetryAfter(new Date(now + 7_000).toUTCString(), now)).toBe(7)
    expect(parseRetryAfter(new Date(now - 60_000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelayMs(0, () => 1, 200, 5000)).toBe(200)
    expect(backoffDelayMs(3, () => 1, 200, 5000)).toBe(1600)
    expect(backoffDelayMs(10, () => 1, 200, 5000)).toBe(5000)
    expect(backoffDelayMs(10, () => 0.25, 200, 5000)).toBe(1250)
  })
})

describe('retries through the client', () => {
  it('503, 503, 200 → three calls, two jittered backoffs, success', async () => {
    const { client, adobe, clock } = testClient({ platform: [() => status(503), () => status(503), batchAnswer] })
    const batch = await getBatch(client)
    expect(batch.id).toBe('01E5QSWCAASFQ054FNBKYV6TIQ')
    expect(adobe.platformCalls).toHaveLength(3)
    expect(clock.sleeps).toEqual([100, 200]) // random() = 0.5 of min(5000, 200·2^n)
  })

  it('429 with Retry-After: 2 waits 2000 ms, then succeeds', async () => {
    const { client, adobe, clock } = testClient({ platform: [() => status(429, { 'retry-after': '2' }), batchAnswer] })
    await getBatch(client)
    expect(adobe.platformCalls).toHaveLength(2)
    expect(clock.sleeps).toEqual([2000])
  })

  it('honours the HTTP-date form of Retry-After', async () => {
    const { client, clock } = testClient({
      platform: [() => status(503, { 'retry-after': new Date(Date.UTC(2026, 0, 15, 12, 0, 5)).toUTCString() }), batchAnswer],
    })
    await getBatch(client)
    expect(clock.sleeps).toEqual([5000])
  })

  it('Retry-After: 3600 fails at once with rate_limited and passes the wait on', async () => {
    const { client, adobe, clock } = testClient({ platform: [() => status(429, { 'retry-after': '3600' }, { error_code: '429050', message: 'Too many requests' })] })
    const error = await rejectionOf(getBatch(client))
    expect(error.code).toBe('rate_limited:aep')
    expect(error.retryAfter).toBe(3600)
    expect(error.upstreamCode).toBe('429050')
    expect(error.message).toBe('Adobe is throttling requests; try again in 3600 s.')
    expect(adobe.platformCalls).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('a 503 with a long Retry-After fails at once as unavailable, with retryAfter', async () => {
    const { client, adobe } = testClient({ platform: [() => status(503, { 'retry-after': '120' })] })
    const error = await rejectionOf(getBatch(client))
    expect(error.code).toBe('unavailable:aep')
    expect(error.retryAfter).toBe(120)
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it.each([400, 403, 404, 409])('%i is not retried', async (code) => {
    const { client, adobe, clock } = testClient({ platform: [() => status(code)] })
    await rejectionOf(getBatch(client))
    expect(adobe.platformCalls).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('a POST is never retried, even on 503', async () => {
    const { client, adobe, clock } = testClient({ platform: [() => status(503), () => json(['@/dataSets/abc'], { status: 201 })] })
    const error = await rejectionOf(client.catalog.createDataset('prod', { name: 'Segment Export', schemaId: 'https://ns.adobe.com/xdm/context/profile__union' }))
    expect(error.code).toBe('unavailable:aep')
    expect(adobe.platformCalls).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('a connection error on a GET is retried; three in a row become unavailable:aep', async () => {
    const refused = () => Promise.reject(new TypeError('fetch failed'))
    const recovered = testClient({ platform: [refused, batchAnswer] })
    await getBatch(recovered.client)
    expect(recovered.adobe.platformCalls).toHaveLength(2)

    const down = testClient({ platform: [refused, refused, refused, batchAnswer] })
    const error = await rejectionOf(getBatch(down.client))
    expect(error.code).toBe('unavailable:aep')
    expect(down.adobe.platformCalls).toHaveLength(3)
  })

  it('the last failed attempt is reported with Adobe’s status mapping', async () => {
    const { client, adobe } = testClient({ platform: [() => status(502), () => status(502), () => status(502)] })
    const error = await rejectionOf(getBatch(client))
    expect(error.code).toBe('upstream:aep')
    expect(adobe.platformCalls).toHaveLength(3)
  })
})

describe('retry property (fast-check)', () => {
  const statuses = [200, 400, 404, 408, 429, 500, 502, 503, 504] as const
  const answer = fc.record({
    status: fc.constantFrom(...statuses),
    retryAfterS: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  })

  it('never exceeds maxAttempts, never waits beyond the cap (or an honoured Retry-After), stops where the model says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (answers, jitter) => {
        const { client, adobe, clock } = testClient(
          {
            platform: () => {
              const next = answers[Math.min(adobe.platformCalls.length - 1, answers.length - 1)]!
              if (next.status === 200) return json({ b1: catalogBatch() })
              return status(next.status, next.retryAfterS === undefined ? {} : { 'retry-after': String(next.retryAfterS) })
            },
          },
          {},
          () => jitter,
        )
        await client.catalog.getBatch('prod', 'b1').catch(() => undefined)

        // The model: stop on success, on a status we do not retry, on a Retry-After beyond 20 s, or after 3 attempts.
        let expectedCalls = 0
        for (let i = 0; i < 3; i++) {
          const current = answers[Math.min(i, answers.length - 1)]!
          expectedCalls++
          const retryable = [408, 429, 500, 502, 503, 504].includes(current.status)
          if (!retryable || (current.retryAfterS !== undefined && current.retryAfterS > 20)) break
        }
        expect(adobe.platformCalls.length).toBe(expectedCalls)
        expect(adobe.platformCalls.length).toBeLessThanOrEqual(3)
        expect(clock.sleeps.length).toBe(expectedCalls - 1)
        clock.sleeps.forEach((delay, i) => {
          const retryAfterS = answers[Math.min(i, answers.length - 1)]!.retryAfterS
          if (retryAfterS === undefined) {
            expect(delay).toBeLessThanOrEqual(5000)
            expect(delay).toBeGreaterThanOrEqual(0)
          } else expect(delay).toBe(retryAfterS * 1000)
        })
      }),
      { numRuns: 500 },
    )
  })

  it('decideRetry alone: delays within bounds for any attempt and jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, jitter) => {
        const policy: RetryPolicy = { maxAttempts: 3, backoffBaseMs: 200, backoffCapMs: 5000, maxRetryAfterS: 20, random: () => jitter }
        const decision = decideRetry(policy, { method: 'GET', status: 503, attempt })
        if (attempt >= 2) expect(decision.kind).toBe('fail')
        if (decision.kind === 'retry') expect(decision.delayMs).toBeLessThanOrEqual(5000)
      }),
      { numRuns: 2000 },
    )
  })
})
