// Test doubles for lib/aep: a scripted fetch that records every call (IMS and Platform kept apart), a fake clock
// whose sleep records the delay and returns at once, and small builders for Adobe-like responses and bodies.
// Used by unit tests only.
import type { AepConfig } from '@/lib/config/schema'
import { createAepClient } from '../client'
import type { AepClientOptions } from '../options'

export const testConfig: AepConfig = {
  imsUrl: 'https://ims.test',
  platformUrl: 'https://platform.adobe.io',
  clientId: 'score-explorer-test',
  clientSecret: 'test-secret',
  orgId: '0123456789ABCDEF01234567@AdobeOrg',
  scopes: 'openid,AdobeID',
}

export interface RecordedCall {
  url: URL
  method: string
  headers: Headers
  body?: string
  redirect?: RequestRedirect
  signal?: AbortSignal
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>

export interface FakeAdobeScript {
  /** Platform answers: a list consumed one per call, or one function for every call. */
  platform?: Responder[] | Responder
  /** IMS answers; by default a fresh `token-N` valid for 86399 s on each call. */
  ims?: Responder
}

export function fakeAdobe(script: FakeAdobeScript = {}) {
  const imsCalls: RecordedCall[] = []
  const platformCalls: RecordedCall[] = []
  let tokensIssued = 0
  const issueToken: Responder = () => json({ access_token: `token-${++tokensIssued}`, token_type: 'bearer', expires_in: 86399 })

  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const call: RecordedCall = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      redirect: init.redirect,
      signal: init.signal ?? undefined,
    }
    let responder: Responder
    if (url.origin === new URL(testConfig.imsUrl).origin) {
      imsCalls.push(call)
      responder = script.ims ?? issueToken
    } else {
      platformCalls.push(call)
      const scripted = script.platform
      const next = typeof scripted === 'function' ? scripted : scripted?.[platformCalls.length - 1]
      if (!next) throw new Error(`fake Adobe: unexpected platform call #${platformCalls.length}: ${call.method} ${url.href}`)
      responder = next
    }
    return untilAborted(Promise.resolve(responder(call)), call.signal)
  }) as typeof globalThis.fetch

  return { fetch, imsCalls, platformCalls }
}

/** Like a real fetch: an abort rejects the pending call with the signal's reason. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    promise.then(resolve, reject)
  })
}

export function fakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)) {
  let current = start
  const sleeps: number[] = []
  return {
    now: () => current,
    advance(ms: number) {
      current += ms
    },
    sleeps,
    /** Records the delay, moves the clock, returns at once. */
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw signal.reason
      sleeps.push(ms)
      current += ms
    },
  }
}

/** A client wired to a fake Adobe and a fake clock, with jitter fixed at `random` (0.5 unless given). */
export function testClient(script: FakeAdobeScript = {}, options: Partial<AepClientOptions> = {}, random = () => 0.5) {
  const adobe = fakeAdobe(script)
  const clock = fakeClock()
  const client = createAepClient(testConfig, { fetch: adobe.fetch, now: clock.now, sleep: clock.sleep, random }, options)
  return { client, adobe, clock }
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), { ...init, headers })
}

export function status(code: number, headers: HeadersInit = {}, body: unknown = {}): Response {
  return json(body, { status: code, headers })
}

/** A response that never comes: only an abort ends the wait. */
export function never(): Promise<Response> {
  return new Promise(() => {})
}

export function bytes(length: number, fill = 7): Uint8Array {
  return new Uint8Array(length).fill(fill)
}

/** A body that sends `chunks` and then ends, stalls for ever, or breaks with an error. */
export function body(chunks: Uint8Array[], then: 'end' | 'stall' | 'error'): ReadableStream<Uint8Array> {
  let index = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++]
      if (chunk) return controller.enqueue(chunk)
      if (then === 'end') return controller.close()
      if (then === 'error') return controller.error(new TypeError('terminated: other side closed'))
      return new Promise<void>(() => {})
    },
  })
}

/** Reads a stream to its end; resolves with the byte count or rejects with the stream's error. */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader()
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return total
    total += value.byteLength
  }
}

export const catalogBatch = (overrides: Record<string, unknown> = {}) => ({
  status: 'success',
  created: 1_700_000_000_000,
  relatedObjects: [{ type: 'dataSet', id: '5cd9146b31dae914b75f654f' }],
  ...overrides,
})
