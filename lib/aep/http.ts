import 'server-only'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import type { AepConfig } from '@/lib/config/schema'
import type { CircuitBreaker } from './breaker'
import type { AepClientOptions, AepDeps } from './options'
import { targetUrl, type PlatformTarget, type QueryValue } from './paths'
import { decideNetworkRetry, decideRetry, parseRetryAfter, type RetryDecision, type RetryPolicy } from './retry'
import { linkSignals, raceAbort, timeoutSignal } from './signals'
import { deadlineError, guardBody, headersTimeoutError } from './timeouts'
import type { TokenSource } from './token'
import { errorFromResponse, unexpectedShapeError, unreachableError, type CallContext } from './upstream-errors'

// The one way lib/aep talks to Platform. Every call gets the credential headers, `redirect: 'manual'` (a redirect
// would carry x-api-key elsewhere: undici keeps custom headers across origins), a headers timeout, retries for
// idempotent requests on transient answers, one token renewal on 401, and the circuit breaker.

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface CallSpec extends CallContext {
  method: Method
  target: PlatformTarget
  query?: Readonly<Record<string, QueryValue>>
  /** Sent as `x-sandbox-name`; omitted for sandbox-independent calls (the sandbox list). */
  sandbox?: string
  accept?: string
  /** The only request headers a caller may add: the browser's validated Range and If-Range. */
  forward?: { range?: string; ifRange?: string }
  /** Sent as JSON. */
  body?: unknown
  /** The caller's signal (e.g. the route handler's `request.signal`): aborting it aborts the upstream request. */
  signal?: AbortSignal
}

export interface StreamedResponse {
  status: number
  headers: Headers
  /** Errors (never ends cleanly) on upstream breakage, idle timeout or a short body; see guardBody. */
  body: ReadableStream<Uint8Array>
}

export interface PlatformHttp {
  readonly config: AepConfig
  /** A JSON call, answer validated against `schema`; bounded by the JSON deadline. */
  json<T>(spec: CallSpec, schema: z.ZodType<T>): Promise<T>
  /** A HEAD call's response headers; bounded by the JSON deadline. */
  head(spec: CallSpec): Promise<Headers>
  /** A streamed body. Retries happen only before this resolves, never once bytes have flowed. */
  stream(spec: CallSpec): Promise<StreamedResponse>
}

interface Sent {
  response: Response
  /** Aborts when this attempt is aborted for any reason (caller, timeout, deadline). */
  signal: AbortSignal
  /** Aborts this attempt's fetch (and with it the body). */
  abort: (reason: unknown) => void
  /** Detaches this attempt's signal listeners; call once the body is consumed or dropped. */
  release: () => void
}

const sandboxPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

export function createPlatformHttp(
  config: AepConfig,
  deps: AepDeps,
  options: AepClientOptions,
  tokens: TokenSource,
  breaker: CircuitBreaker,
): PlatformHttp {
  const policy: RetryPolicy = { ...options, random: deps.random }

  async function send(spec: CallSpec, scope: AbortSignal): Promise<Sent> {
    if (spec.sandbox !== undefined && !sandboxPattern.test(spec.sandbox)) {
      throw new AppError('bad_request:aep', 'That sandbox name is not valid.', { detail: JSON.stringify(spec.sandbox) })
    }
    const url = targetUrl(config.platformUrl, spec.target, spec.query)
    let renewedAfter401 = false
    for (let attempt = 0; ; attempt++) {
      const token = await raceAbort(tokens.get(), scope)
      breaker.admit()
      let sent: Sent
      try {
        sent = await attemptOnce(url, spec, token, scope)
      } catch (error) {
        if (spec.signal?.aborted) {
          breaker.recordAbandoned()
          throw spec.signal.reason
        }
        breaker.recordFailure()
        if (AppError.is(error)) throw error // our own timeouts: the person already waited long enough
        const decision = decideNetworkRetry(policy, { method: spec.method, attempt })
        if (decision.kind === 'fail') throw unreachableError(error)
        await deps.sleep(decision.delayMs, scope)
        continue
      }

      const { status, headers } = sent.response
      if (status >= 500 || status === 429 || status === 408) breaker.recordFailure()
      else breaker.recordSuccess()
      if (status >= 200 && status < 300) return sent

      if (status === 401 && !renewedAfter401) {
        // Adobe may revoke a token before its expiry. Renew once and try again; a second 401 is reported, not looped.
        renewedAfter401 = true
        discard(sent)
        tokens.invalidate(token)
        continue
      }
      const retryAfterS = parseRetryAfter(headers.get('retry-after'), deps.now())
      const decision: RetryDecision =
        status === 401 ? { kind: 'fail' } : decideRetry(policy, { method: spec.method, status, attempt, retryAfterS })
      if (decision.kind === 'retry') {
        discard(sent)
        await deps.sleep(decision.delayMs, scope)
        continue
      }
      const bodyText = await readErrorBody(sent, scope, options.headersTimeoutMs)
      throw errorFromResponse({ status, headers, bodyText, retryAfterS: decision.retryAfterS }, spec)
    }
  }

  async function attemptOnce(url: URL, spec: CallSpec, token: string, scope: AbortSignal): Promise<Sent> {
    const attempt = new AbortController()
    const linked = linkSignals(attempt.signal, scope)
    const headersTimer = setTimeout(() => attempt.abort(headersTimeoutError(options.headersTimeoutMs)), options.headersTimeoutMs)
    try {
      const response = await raceAbort(
        deps.fetch(url, {
          method: spec.method,
          headers: requestHeaders(spec, token),
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          redirect: 'manual',
          signal: linked.signal,
        }),
        linked.signal,
      )
      return { response, signal: linked.signal, abort: (reason) => attempt.abort(reason), release: linked.dispose }
    } catch (error) {
      linked.dispose()
      throw linked.signal.aborted ? linked.signal.reason : error
    } finally {
      clearTimeout(headersTimer)
    }
  }

  function requestHeaders(spec: CallSpec, token: string): Headers {
    const headers = new Headers({
      authorization: `Bearer ${token}`,
      'x-api-key': config.clientId,
      'x-gw-ims-org-id': config.orgId,
      accept: spec.accept ?? 'application/json',
    })
    if (spec.sandbox !== undefined) headers.set('x-sandbox-name', spec.sandbox)
    if (spec.body !== undefined) headers.set('content-type', 'application/json')
    if (spec.forward?.range !== undefined) headers.set('range', spec.forward.range)
    if (spec.forward?.ifRange !== undefined) headers.set('if-range', spec.forward.ifRange)
    return headers
  }

  /** The caller's signal plus a deadline for the whole call; `done` clears the timer. */
  function deadlineScope(spec: CallSpec) {
    const deadline = timeoutSignal(options.jsonDeadlineMs, () => deadlineError(options.jsonDeadlineMs))
    const linked = linkSignals(spec.signal, deadline.signal)
    return {
      signal: linked.signal,
      done: () => {
        deadline.clear()
        linked.dispose()
      },
    }
  }

  return {
    config,

    async json<T>(spec: CallSpec, schema: z.ZodType<T>): Promise<T> {
      const scope = deadlineScope(spec)
      try {
        const sent = await send(spec, scope.signal)
        let text: string
        try {
          text = await raceAbort(sent.response.text(), scope.signal)
        } catch (error) {
          if (spec.signal?.aborted) throw spec.signal.reason
          throw AppError.is(error) ? error : unreachableError(error)
        } finally {
          sent.release()
        }
        let data: unknown
        try {
          data = JSON.parse(text)
        } catch {
          throw unexpectedShapeError(spec, `not JSON: ${JSON.stringify(text.slice(0, 200))}`)
        }
        const parsed = schema.safeParse(data)
        if (!parsed.success) throw unexpectedShapeError(spec, z.prettifyError(parsed.error))
        return parsed.data
      } finally {
        scope.done()
      }
    },

    async head(spec: CallSpec): Promise<Headers> {
      const scope = deadlineScope(spec)
      try {
        const sent = await send(spec, scope.signal)
        discard(sent)
        return sent.response.headers
      } finally {
        scope.done()
      }
    },

    async stream(spec: CallSpec): Promise<StreamedResponse> {
      const scope = linkSignals(spec.signal)
      let sent: Sent
      try {
        sent = await send(spec, scope.signal)
      } catch (error) {
        scope.dispose()
        throw error
      }
      const { response } = sent
      const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity'
      const declared = Number(response.headers.get('content-length') ?? Number.NaN)
      const body = guardBody(response.body ?? emptyBody(), {
        idleMs: options.bodyIdleTimeoutMs,
        // fetch decodes gzip, so a Content-Length then counts other bytes than the ones we see.
        expectedBytes: !encoded && Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined,
        callerSignal: spec.signal,
        upstreamSignal: sent.signal,
        abortUpstream: sent.abort,
        onSettled: () => {
          sent.release()
          scope.dispose()
        },
      })
      return { status: response.status, headers: response.headers, body }
    },
  }
}

/** Drop a body we will not read, so the connection is freed. */
function discard(sent: Sent): void {
  sent.response.body?.cancel().catch(() => {})
  sent.release()
}

/** Adobe's error body, for the message and the logs: never worth waiting long for, nor failing over. */
async function readErrorBody(sent: Sent, scope: AbortSignal, patienceMs: number): Promise<string> {
  const patience = timeoutSignal(patienceMs, () => new Error('error body too slow'))
  const linked = linkSignals(scope, patience.signal)
  try {
    const text = await raceAbort(sent.response.text(), linked.signal)
    return text.slice(0, 64 * 1024)
  } catch {
    sent.abort(new Error('error body abandoned'))
    return ''
  } finally {
    patience.clear()
    linked.dispose()
    sent.release()
  }
}

function emptyBody(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
}
