import 'server-only'
import { AppError } from '@/lib/errors'
import { raceAbort } from './signals'

// Timeouts on every hop (reliability.md §4.1, F3): response headers, the gap between body chunks, and a deadline
// for a whole JSON call. The headers timeout and the deadline are abort reasons handed to fetch (see ./http.ts);
// the idle timeout lives in guardBody below, which also makes sure a broken body can never pass for a whole one.

export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`
}

export function headersTimeoutError(ms: number): AppError {
  return new AppError('upstream_timeout:aep', `Adobe did not answer within ${formatDuration(ms)}.`, {
    detail: 'no response headers before the headers timeout',
  })
}

export function deadlineError(ms: number): AppError {
  return new AppError('upstream_timeout:aep', `Adobe did not answer within ${formatDuration(ms)}.`, {
    detail: 'the call (all attempts and the body) exceeded its deadline',
  })
}

export function idleBodyError(ms: number): AppError {
  return new AppError('upstream_timeout:aep', `Adobe stopped sending the file for ${formatDuration(ms)}; the transfer was cut off.`, {
    detail: 'no body chunk before the idle timeout',
  })
}

export function brokenBodyError(cause: unknown): AppError {
  return new AppError('upstream:aep', 'Adobe broke off the file mid-transfer; the copy is incomplete.', {
    cause,
    detail: cause instanceof Error ? cause.message : String(cause),
  })
}

export interface GuardBodyOptions {
  idleMs: number
  /** Bytes the upstream announced (Content-Length of an unencoded body): fewer is a truncation, not an end. */
  expectedBytes?: number
  /** The caller's own signal: when it aborts, the stream errors with its reason (not as Adobe's fault). */
  callerSignal?: AbortSignal
  /** The upstream request's signal: once it aborts, a pending read fails at once instead of waiting on the body. */
  upstreamSignal: AbortSignal
  /** Stops the upstream request (aborts its fetch) with the given reason. */
  abortUpstream: (reason: unknown) => void
  /** Called exactly once, when the stream ends, errors or is cancelled. */
  onSettled: () => void
}

/**
 * Wraps an upstream body so that it **errors** (never closes normally) when the upstream breaks off, goes quiet for
 * `idleMs` while we wait for a chunk, or ends short of `expectedBytes`. A normal close therefore always means the
 * whole body arrived (reliability.md F2 and §4.5: never turn a truncation into a "successful" file).
 * The idle timer only runs while a chunk is being awaited, so a slow reader downstream is never blamed on Adobe.
 */
export function guardBody(upstream: ReadableStream<Uint8Array>, options: GuardBodyOptions): ReadableStream<Uint8Array> {
  const reader = upstream.getReader()
  let received = 0
  let settled = false
  const settle = () => {
    if (settled) return
    settled = true
    options.onSettled()
  }
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, reason: unknown) => {
    controller.error(reason)
    options.abortUpstream(reason)
    reader.cancel(reason).catch(() => {})
    settle()
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(idleBodyError(options.idleMs)), options.idleMs)
      })
      try {
        const chunk = await raceAbort(Promise.race([reader.read(), idle]), options.upstreamSignal)
        if (chunk.done) {
          if (options.expectedBytes !== undefined && received < options.expectedBytes) {
            return fail(controller, brokenBodyError(new Error(`ended after ${received} of ${options.expectedBytes} bytes`)))
          }
          controller.close()
          return settle()
        }
        received += chunk.value.byteLength
        controller.enqueue(chunk.value)
      } catch (error) {
        if (options.callerSignal?.aborted) return fail(controller, options.callerSignal.reason)
        fail(controller, AppError.is(error) ? error : brokenBodyError(error))
      } finally {
        clearTimeout(timer)
      }
    },
    cancel(reason) {
      options.abortUpstream(reason)
      settle()
      return reader.cancel(reason).catch(() => {})
    },
  })
}
