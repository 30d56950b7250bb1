import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { createAepClient } from './client'
import type { AepClientOptions } from './options'
import { testConfig } from './testing/fake-adobe'

// The same guarantees with Node's real fetch (undici) against loopback servers, because fakes cannot show how the
// runtime treats redirects, dropped sockets and stalls (reliability.md T1.3 and a small T4.2).
// A "bad" server stands for any host a redirect could point at: it must never be reached.

type Handler = (request: IncomingMessage, response: ServerResponse) => void

let platform: Server
let bad: Server
let badHits = 0
let platformUrl = ''
let badUrl = ''
const modes = new Map<string, Handler>()

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

beforeAll(async () => {
  bad = createServer((_, response) => {
    badHits++
    response.end('{}')
  })
  platform = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/ims/token/v3') {
      response.setHeader('content-type', 'application/json')
      return response.end(JSON.stringify({ access_token: 'real-token', token_type: 'bearer', expires_in: 86399 }))
    }
    const handler = modes.get(url.searchParams.get('path') ?? url.pathname.split('/').pop() ?? '')
    if (!handler) {
      response.statusCode = 404
      return response.end('{}')
    }
    handler(request, response)
  })
  platformUrl = await listen(platform)
  badUrl = await listen(bad)

  modes.set('redirect.parquet', (_, response) => {
    response.writeHead(302, { location: `${badUrl}/steal` })
    response.end()
  })
  modes.set('whole.parquet', (_, response) => {
    response.writeHead(200, { 'content-type': 'application/parquet', 'content-length': String(256 * 1024) })
    response.end(Buffer.alloc(256 * 1024, 1))
  })
  modes.set('truncated-cl.parquet', (_, response) => {
    response.writeHead(200, { 'content-type': 'application/parquet', 'content-length': String(1024 * 1024) })
    response.write(Buffer.alloc(64 * 1024, 1), () => setTimeout(() => response.socket?.destroy(), 20))
  })
  modes.set('truncated-chunked.parquet', (_, response) => {
    response.writeHead(200, { 'content-type': 'application/parquet' })
    response.write(Buffer.alloc(64 * 1024, 1), () => setTimeout(() => response.socket?.destroy(), 20))
  })
  modes.set('stall.parquet', (_, response) => {
    response.writeHead(200, { 'content-type': 'application/parquet' })
    response.write(Buffer.alloc(16 * 1024, 1))
  })
  modes.set('no-headers.parquet', () => {})
})

afterAll(async () => {
  platform.closeAllConnections()
  bad.closeAllConnections()
  await Promise.all([new Promise((resolve) => platform.close(resolve)), new Promise((resolve) => bad.close(resolve))])
})

// Generous timeouts where they are not what is tested: two busy cores can pause a healthy loopback transfer.
const client = (options: Partial<AepClientOptions> = {}) =>
  createAepClient({ ...testConfig, imsUrl: platformUrl, platformUrl }, {}, { headersTimeoutMs: 5000, bodyIdleTimeoutMs: 5000, ...options })

async function read(name: string, options: Partial<AepClientOptions> = {}): Promise<unknown> {
  const opened = await client(options).dataAccess.openFile('prod', 'f-1', name)
  return new Response(opened.body).arrayBuffer().then(
    (buffer) => buffer.byteLength,
    (reason: unknown) => reason,
  )
}

describe('with the real fetch on loopback', () => {
  it('streams a whole file', async () => {
    expect(await read('whole.parquet')).toBe(256 * 1024)
  })

  it('does not follow a 302: the other server sees no request (so no x-api-key, no Authorization)', async () => {
    const error = await client().dataAccess.openFile('prod', 'f-1', 'redirect.parquet').catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
    expect(badHits).toBe(0)
  })

  it.each(['truncated-cl.parquet', 'truncated-chunked.parquet'])('a body cut off mid-transfer (%s) errors the stream', async (name) => {
    const outcome = await read(name)
    expect(AppError.is(outcome)).toBe(true)
    expect(AppError.is(outcome) && outcome.code).toBe('upstream:aep')
  })

  it('a stalled body errors the stream after the idle timeout', async () => {
    const started = Date.now()
    const outcome = await read('stall.parquet', { bodyIdleTimeoutMs: 200 })
    expect(AppError.is(outcome) && outcome.code).toBe('upstream_timeout:aep')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('no headers within the headers timeout → upstream_timeout:aep', async () => {
    const error = await client({ headersTimeoutMs: 200 }).dataAccess.openFile('prod', 'f-1', 'no-headers.parquet').catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('upstream_timeout:aep')
  })
})
