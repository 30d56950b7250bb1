// Error bodies in the shapes Adobe's gateway and services answer with (aep-api.md §7). Handlers throw
// HttpError; the server turns it into a response, so no handler formats an error by hand.
import { STATUS_CODES } from 'node:http'

export type ErrorBody = Record<string, unknown>

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : `HTTP ${status}`)
  }
}

/** The Adobe I/O gateway's `{error_code, message}` form, used for header and token problems. */
export function gatewayError(status: number, errorCode: string, message: string): HttpError {
  return new HttpError(status, { error_code: errorCode, message })
}

export const gateway = {
  tokenMissing: () => gatewayError(403, '403010', 'Oauth token is missing.'),
  tokenInvalid: () => gatewayError(401, '401013', 'Oauth token is not valid'),
  apiKeyMissing: () => gatewayError(403, '403000', 'Api Key is required'),
  apiKeyInvalid: () => gatewayError(403, '403003', 'Api Key is invalid'),
  orgMissing: () => gatewayError(400, '400003', 'Missing header'),
  orgInvalid: () => gatewayError(403, '403025', 'Profile is not valid'),
  tooManyRequests: () => gatewayError(429, '429050', 'Too many requests'),
}

/**
 * Which Platform service answers, for the `type` URI of its errors. Adobe's URIs look like
 * `http://ns.adobe.com/aep/errors/XDM-1010-404`; the numeric middle part is not documented per case, so the
 * simulator uses the status code there.
 */
export type Service = 'CAT' | 'DAS' | 'SMS' | 'UPS' | 'GW'

/** The newer problem-details form `{type, title, status, detail}` that Platform services answer with. */
export function serviceError(status: number, detail: string, service: Service, title?: string): HttpError {
  return new HttpError(status, {
    type: `http://ns.adobe.com/aep/errors/${service}-${status}`,
    title: title ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail,
  })
}

export const notFound = (service: Service, detail: string) => serviceError(404, detail, service, 'Not Found')
export const badRequest = (service: Service, detail: string) => serviceError(400, detail, service, 'Bad Request')

/** OAuth 2.0 error body (RFC 6749 §5.2), what IMS's token endpoint is expected to answer with. */
export function oauthError(status: number, error: string, description: string): HttpError {
  return new HttpError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' })
}
