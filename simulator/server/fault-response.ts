// Applying faults to a response: the status answer, and body cuts (stall, truncate) that work the same for
// JSON answers, HTML and streamed files, by intercepting what the handler writes.
import { type ServerResponse, STATUS_CODES } from 'node:http'
import { gateway, HttpError, oauthError, serviceError } from './errors'
import type { FaultPlan } from './faults'

/** The error a `status` fault answers with, in the shape the addressed API would use. */
export function faultError(path: string, fault: NonNullable<FaultPlan['status']>): HttpError {
  const { status, retryAfter } = fault
  const headers: Record<string, string> = retryAfter !== undefined ? { 'Retry-After': String(retryAfter) } : {}
  let err: HttpError
  if (status === 429) err = gateway.tooManyRequests()
  else if (path.startsWith('/ims')) {
    err = status === 401 ? oauthError(401, 'invalid_client', 'Simulated fault') : oauthError(status, status >= 500 ? 'server_error' : 'invalid_request', 'Simulated fault')
  } else if (status === 401) err = gateway.tokenInvalid()
  else err = serviceError(status, `Simulated ${status} ${STATUS_CODES[status] ?? ''}`.trim(), 'GW')
  return new HttpError(err.status, err.body, { ...err.headers, ...headers })
}

type Chunk = string | Uint8Array
type Callback = (err?: Error | null) => void

/**
 * Lets the first `afterBytes` body bytes through, then either stops writing for good without ending the
 * response (stall: headers sent, socket left open) or destroys the socket (truncate). Content-Length, set by
 * the handler, still announces the full size.
 */
export function limitBody(res: ServerResponse, fault: NonNullable<FaultPlan['body']>): void {
  const write = res.write.bind(res) as (chunk: Chunk, cb?: Callback) => boolean
  const end = res.end.bind(res) as (cb?: () => void) => ServerResponse
  let sent = 0
  let cut = false

  const cutNow = (head: Buffer): void => {
    cut = true
    const after = (): void => {
      if (fault.kind === 'truncate') res.socket?.destroy()
    }
    if (head.length > 0) write(head, after)
    else {
      res.flushHeaders()
      after()
    }
  }

  // Writes what fits; 'cut' when the limit was reached, else the underlying write's backpressure answer.
  const pass = (chunk: Chunk | undefined, encoding: BufferEncoding | undefined, cb?: Callback): boolean | 'cut' => {
    if (chunk === undefined || chunk.length === 0) return true
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const room = fault.afterBytes - sent
    if (buf.length <= room) {
      sent += buf.length
      return write(buf, cb)
    }
    sent = fault.afterBytes
    cutNow(buf.subarray(0, Math.max(0, room)))
    return 'cut'
  }

  const patchedWrite = (chunk: Chunk, encodingOrCb?: BufferEncoding | Callback, cb?: Callback): boolean => {
    // Once cut, false keeps a piped file stream paused; the 'drain' it waits for no longer matters.
    if (cut) return false
    const encoding = typeof encodingOrCb === 'string' ? encodingOrCb : undefined
    const callback = typeof encodingOrCb === 'function' ? encodingOrCb : cb
    return pass(chunk, encoding, callback) === true
  }

  const patchedEnd = (chunkOrCb?: Chunk | (() => void), encodingOrCb?: BufferEncoding | (() => void), cb?: () => void): ServerResponse => {
    if (cut) return res
    const chunk = typeof chunkOrCb === 'function' ? undefined : chunkOrCb
    const encoding = typeof encodingOrCb === 'string' ? encodingOrCb : undefined
    const callback = typeof chunkOrCb === 'function' ? chunkOrCb : typeof encodingOrCb === 'function' ? encodingOrCb : cb
    if (pass(chunk, encoding) === 'cut') return res
    return end(callback)
  }

  res.write = patchedWrite as ServerResponse['write']
  res.end = patchedEnd as ServerResponse['end']
}
