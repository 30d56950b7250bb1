// One typed error contract from route handler to UI. A code reads `type:surface`; the HTTP status follows from the
// type; `message` is written for people and always safe to show; `detail` stays in server logs.
// The browser's fetcher (lib/query/fetcher.ts) rebuilds the same class from the JSON body.

export const errorTypes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  rate_limited: 429,
  upstream: 502,
  unavailable: 503,
  upstream_timeout: 504,
  /** A bug of ours. Bad input never lands here: it is a 4xx. */
  internal: 500,
} as const

export type ErrorType = keyof typeof errorTypes

export type Surface = 'auth' | 'aep' | 'file' | 'share' | 'request' | 'config' | 'insights' | 'export' | 'app'

export type ErrorCode = `${ErrorType}:${Surface}`

export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    /** Adobe's own error code (e.g. `401013`, `403003`, `XDM-1010-404`) when Adobe refused the call. */
    upstreamCode?: string
    /** Seconds the caller should wait before trying again. */
    retryAfter?: number
  }
}

export interface AppErrorOptions {
  /** Server-side detail for logs; never sent to the browser. */
  detail?: string
  upstreamCode?: string
  retryAfter?: number
  cause?: unknown
}

// Next may load this module more than once in one process (a page's chunk and a route's chunk), and lib/aep's client
// lives on globalThis across them: `instanceof` alone would then miss errors made by the other copy. A registered
// symbol marks every AppError, whichever copy of the class made it.
const brand = Symbol.for('score-explorer.AppError')

export class AppError extends Error {
  readonly [brand] = true
  readonly code: ErrorCode
  readonly type: ErrorType
  readonly surface: Surface
  readonly status: number
  readonly detail?: string
  readonly upstreamCode?: string
  readonly retryAfter?: number

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    const [type, surface] = code.split(':') as [ErrorType, Surface]
    this.type = type
    this.surface = surface
    this.status = errorTypes[type]
    this.detail = options.detail
    this.upstreamCode = options.upstreamCode
    this.retryAfter = options.retryAfter
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.upstreamCode === undefined ? {} : { upstreamCode: this.upstreamCode }),
        ...(this.retryAfter === undefined ? {} : { retryAfter: this.retryAfter }),
      },
    }
  }

  toResponse(headers?: HeadersInit): Response {
    const response = Response.json(this.toBody(), { status: this.status, headers })
    response.headers.set('cache-control', 'private, no-store')
    if (this.retryAfter !== undefined) response.headers.set('retry-after', String(Math.ceil(this.retryAfter)))
    return response
  }

  static is(value: unknown): value is AppError {
    return value instanceof AppError || (typeof value === 'object' && value !== null && brand in value)
  }
}

const knownTypes = new Set<string>(Object.keys(errorTypes))

/** Rebuilds an AppError from a JSON body the app sent; anything else becomes a generic upstream error. */
export function appErrorFromBody(status: number, body: unknown): AppError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error
    if (typeof error === 'object' && error !== null) {
      const { code, message, upstreamCode, retryAfter } = error as Record<string, unknown>
      if (typeof code === 'string' && typeof message === 'string' && knownTypes.has(code.split(':')[0] ?? '')) {
        return new AppError(code as ErrorCode, message, {
          upstreamCode: typeof upstreamCode === 'string' ? upstreamCode : undefined,
          retryAfter: typeof retryAfter === 'number' ? retryAfter : undefined,
        })
      }
    }
  }
  return new AppError('upstream:app', `The server answered ${status} without an explanation.`)
}

/** Turns anything thrown in a route handler into a response that never leaks a stack trace. */
export function errorResponse(error: unknown): Response {
  if (AppError.is(error)) {
    if (error.status >= 500) console.error(`[${error.code}] ${error.message}${error.detail ? ` (${error.detail})` : ''}`)
    return error.toResponse()
  }
  console.error('Unexpected error in a route handler', error)
  return new AppError('internal:app', 'Something went wrong on our side. Please try again.').toResponse()
}
