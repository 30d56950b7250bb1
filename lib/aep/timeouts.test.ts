import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { body, bytes, drain, json, never, testClient } from './testing/fake-adobe'

// reliability.md §4.1 and §4.5 (F2, F3): headers timeout, idle-body timeout, and a body that breaks off must make the
// stream we hand back *error*, never end normally. Real timers here, but only tens of milliseconds.

const file = (init: ResponseInit & { chunks: Uint8Array[]; then: 'end' | 'stall' | 'error' }) =>
  new Response(body(init.chunks, init.then), { status: init.status ?? 200, headers: init.headers })

const open = (client: ReturnType<typeof testClient>['client'], signal?: AbortSignal) =>
  client.dataAccess.openFile('prod', '8dcedb36-1cb2-4496-9a38-7b2041114b56-1', 'part-00000.snappy.parquet', { signal })

async function streamError(stream: ReadableStream<Uint8Array>): Promise<unknown> {
  return drain(stream).then(
    (length) => new Error(`stream ended normally after ${length} bytes`),
    (reason: unknown) => reason,
  )
}

describe('headers timeout', () => {
  it('aborts the attempt and reports upstream_timeout:aep when no headers arrive in time', async () => {
    const { client, adobe } = testClient({ platform: [never] }, { headersTimeoutMs: 30 })
    const started = Date.now()
    const error = await client.catalog.getBatch('prod', 'b1').catch((reason: unknown) => reason)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(AppError.is(error) && error.code).toBe('upstream_timeout:aep')
    expect(AppError.is(error) && error.message).toBe('Adobe did not answer within 30 ms.')
    expect(adobe.platformCalls[0]?.signal?.aborted).toBe(true)
    expect(adobe.platformCalls).toHaveLength(1) // the person already waited; a timeout is not retried
  })

  it('says seconds for the default 15 s', async () => {
    const { headersTimeoutError } = await import('./timeouts')
    expect(headersTimeoutError(15_000).message).toBe('Adobe did not answer within 15 s.')
  })

  it('applies to file streams as well', async () => {
    const { client } = testClient({ platform: [never] }, { headersTimeoutMs: 20 })
    await expect(open(client)).rejects.toMatchObject({ code: 'upstream_timeout:aep' })
  })
})

describe('JSON deadline', () => {
  it('bounds a JSON call whose body never finishes', async () => {
    const stalledJson = () => new Response(body([new TextEncoder().encode('{"b1":')], 'stall'), { headers: { 'content-type': 'application/json' } })
    const { client } = testClient({ platform: [stalledJson] }, { jsonDeadlineMs: 40 })
    await expect(client.catalog.getBatch('prod', 'b1')).rejects.toMatchObject({ code: 'upstream_timeout:aep' })
  })
})

describe('streamed bodies', () => {
  it('a healthy body streams through and ends normally', async () => {
    const { client } = testClient({ platform: [() => file({ chunks: [bytes(1000), bytes(24)], then: 'end', headers: { 'content-length': '1024' } })] })
    const opened = await open(client)
    expect(await drain(opened.body)).toBe(1024)
  })

  it('an idle body (stalls after the first chunk) errors the returned stream with upstream_timeout:aep', async () => {
    const { client, adobe } = testClient({ platform: [() => file({ chunks: [bytes(256)], then: 'stall' })] }, { bodyIdleTimeoutMs: 30 })
    const opened = await open(client)
    const error = await streamError(opened.body)
    expect(AppError.is(error) && error.code).toBe('upstream_timeout:aep')
    expect(adobe.platformCalls[0]?.signal?.aborted).toBe(true) // the upstream request is torn down too
  })

  it('a body that breaks off mid-transfer errors the returned stream (never a clean end)', async () => {
    const { client } = testClient({ platform: [() => file({ chunks: [bytes(1024)], then: 'error' })] })
    const opened = await open(client)
    const error = await streamError(opened.body)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
  })

  it('a body that ends short of its Content-Length errors the returned stream', async () => {
    const { client } = testClient({ platform: [() => file({ chunks: [bytes(100)], then: 'end', headers: { 'content-length': '1000' } })] })
    const opened = await open(client)
    const error = await streamError(opened.body)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
  })

  it('is not retried once the response is handed back: a mid-body failure makes exactly one request', async () => {
    const { client, adobe } = testClient({ platform: [() => file({ chunks: [bytes(10)], then: 'error' }), () => json({})] })
    const opened = await open(client)
    await streamError(opened.body)
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it('retries before handing back: 503 then 200 opens the file on the second attempt', async () => {
    const { client, adobe } = testClient({ platform: [() => new Response(null, { status: 503 }), () => file({ chunks: [bytes(5)], then: 'end' })] })
    const opened = await open(client)
    expect(await drain(opened.body)).toBe(5)
    expect(adobe.platformCalls).toHaveLength(2)
  })

  it('the caller’s abort mid-body aborts the upstream request and errors the stream with the caller’s reason', async () => {
    const controller = new AbortController()
    const { client, adobe } = testClient({ platform: [() => file({ chunks: [bytes(64)], then: 'stall' })] }, { bodyIdleTimeoutMs: 10_000 })
    const opened = await open(client, controller.signal)
    const reader = opened.body.getReader()
    await reader.read()
    const pending = reader.read()
    controller.abort(new Error('browser went away'))
    await expect(pending).rejects.toThrow('browser went away')
    expect(adobe.platformCalls[0]?.signal?.aborted).toBe(true)
  })

  it('the caller’s abort before headers aborts the upstream request', async () => {
    const controller = new AbortController()
    const { client, adobe } = testClient({ platform: [never] })
    const pending = open(client, controller.signal)
    await Promise.resolve()
    setTimeout(() => controller.abort(new Error('gone')), 5)
    await expect(pending).rejects.toThrow('gone')
    expect(adobe.platformCalls[0]?.signal?.aborted).toBe(true)
  })

  it('cancelling the returned stream cancels the upstream request', async () => {
    const { client, adobe } = testClient({ platform: [() => file({ chunks: [bytes(64), bytes(64)], then: 'stall' })] })
    const opened = await open(client)
    await opened.body.cancel('done reading')
    expect(adobe.platformCalls[0]?.signal?.aborted).toBe(true)
  })
})
