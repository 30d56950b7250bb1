import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { expectedLength, restoreContentLength } from './restore-content-length'

let server: Server | undefined

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** A server that answers like Next does: headers set one by one, no Content-Length, then the body in chunks. */
async function serve(handler: (res: ServerResponse) => void): Promise<number> {
  server = createServer((_req, res) => {
    restoreContentLength(res)
    handler(res)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

function get(port: number): Promise<{ headers: IncomingHttpHeaders; body: Buffer; error?: Error }> {
  return new Promise((resolve) => {
    const req = httpRequest({ port, host: '127.0.0.1', path: '/' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', (error) => resolve({ headers: res.headers, body: Buffer.concat(chunks), error }))
      res.on('aborted', () => resolve({ headers: res.headers, body: Buffer.concat(chunks), error: new Error('aborted') }))
    })
    req.on('error', (error) => resolve({ headers: {}, body: Buffer.alloc(0), error }))
    req.end()
  })
}

describe('restoring Content-Length on file responses', () => {
  it('computes the length from x-file-size on 200 and from Content-Range on 206', () => {
    expect(expectedLength(200, { fileSize: '1234' })).toBe(1234)
    expect(expectedLength(206, { contentRange: 'bytes 100-199/5000' })).toBe(100)
    expect(expectedLength(200, {})).toBeUndefined()
    expect(expectedLength(404, { fileSize: '10' })).toBeUndefined()
    expect(expectedLength(200, { fileSize: 'abc' })).toBeUndefined()
  })

  it('a whole file goes out with its Content-Length, not chunked', async () => {
    const port = await serve((res) => {
      res.statusCode = 200
      res.setHeader('x-file-size', '6')
      res.write('abc')
      res.end('def')
    })
    const { headers, body } = await get(port)
    expect(headers['content-length']).toBe('6')
    expect(headers['transfer-encoding']).toBeUndefined()
    expect(body.toString()).toBe('abcdef')
  })

  it('a body cut short fails in the client instead of looking complete', async () => {
    const port = await serve((res) => {
      res.statusCode = 200
      res.setHeader('x-file-size', '1000')
      res.write('only a part')
      setTimeout(() => res.destroy(new Error('upstream died')), 20)
    })
    const result = await get(port)
    expect(result.headers['content-length']).toBe('1000')
    expect(result.error).toBeDefined()
    expect(result.body.length).toBeLessThan(1000)
  })

  it('leaves other responses alone', async () => {
    const port = await serve((res) => {
      res.statusCode = 200
      res.end('{"ok":true}')
    })
    const { headers } = await get(port)
    expect(headers['x-file-size']).toBeUndefined()
    expect(headers['content-length']).toBe('11')
  })
})
