import 'server-only'
import { AppError, type ErrorCode } from '@/lib/errors'
import { contentRangeTotal } from './file-headers'
import { RangeNotSatisfiableError } from './range-error'

// Adobe's error answers, turned into the app's AppError. Two body shapes occur (aep-api.md §7):
//   gateway  {"error_code": "403003", "message": "Api Key is invalid"}
//   service  {"type": ".../XDM-1010-404", "title": "...", "status": 404, "detail": "...", "report": {...}}
// Adobe's code goes to `upstreamCode`; Adobe's own words go to `detail` (server logs only), and `message` is ours,
// written for the person looking at the dashboard.

export interface CallContext {
  /** What the call is about, in words that fit "That … does not exist": `batch`, `dataset`, `file`, `export job`. */
  what: string
  sandbox?: string
  /** Where "not found" and range errors belong: `file` for file bytes, `aep` for everything else. */
  surface: 'aep' | 'file'
}

interface AdobeErrorBody {
  code?: string
  text?: string
}

export function parseAdobeErrorBody(bodyText: string): AdobeErrorBody {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return bodyText.trim() === '' ? {} : { text: bodyText.slice(0, 500) }
  }
  if (typeof body !== 'object' || body === null) return {}
  const record = body as Record<string, unknown>
  const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined)
  const report = typeof record.report === 'object' && record.report !== null ? (record.report as Record<string, unknown>) : {}
  // A service `type` ends in its code: `http://ns.adobe.com/aep/errors/XDM-1010-404` → `XDM-1010-404`.
  const typeCode = /([A-Z][A-Z0-9]*-\d+-\d{3})\/?$/.exec(str(record.type) ?? '')?.[1]
  return {
    code: str(record.error_code) ?? typeCode ?? str(record.error) ?? str(record.code),
    text:
      str(record.detail) ??
      str(report['detailed-message']) ??
      str(record.message) ??
      str(record.errorMessage) ??
      str(record.error_description) ??
      str(record.title),
  }
}

const gatewayMessages: Record<string, [ErrorCode, string]> = {
  '403000': ['forbidden:aep', 'Adobe says the API key is missing (403000).'],
  '403003': ['forbidden:aep', 'Adobe rejected the API key (403003). Check AEP_CLIENT_ID.'],
  '403010': ['forbidden:aep', 'Adobe says the access token is missing (403010).'],
  '403025': [
    'forbidden:aep',
    "The server credential is not entitled to this organisation (403025). Check AEP_ORG_ID and the credential's product profiles.",
  ],
  '400003': ['bad_request:aep', 'Adobe says a required header is missing (400003). Check AEP_ORG_ID.'],
}

export interface ResponseFacts {
  status: number
  headers: Headers
  bodyText: string
  /** Seconds Adobe asked us to wait, when it did. */
  retryAfterS?: number
}

export function errorFromResponse(facts: ResponseFacts, context: CallContext): AppError {
  const { status, headers, retryAfterS } = facts
  const adobe = parseAdobeErrorBody(facts.bodyText)
  const requestId = headers.get('x-request-id')
  const detail = [`${status} on ${context.what}`, adobe.text, requestId && `x-request-id ${requestId}`].filter(Boolean).join('; ')
  const options = { detail, upstreamCode: adobe.code, retryAfter: retryAfterS }
  const codeSuffix = adobe.code ? ` (${adobe.code})` : ''
  const inSandbox = context.sandbox ? ` in sandbox ${context.sandbox}` : ''

  const known = adobe.code === undefined ? undefined : gatewayMessages[adobe.code]
  if (known) return new AppError(known[0], known[1], options)

  if (status >= 300 && status < 400) {
    return new AppError('upstream:aep', `Adobe answered with a redirect (${status}); it was not followed.`, options)
  }
  switch (status) {
    case 400:
      return new AppError('bad_request:aep', `Adobe rejected the request for that ${context.what} as malformed${codeSuffix}.`, options)
    case 401:
      return new AppError(
        'upstream:aep',
        `Adobe refused the server's access token even after renewing it${codeSuffix}. Check the credential in Adobe Developer Console.`,
        options,
      )
    case 403:
      return new AppError('forbidden:aep', `Adobe refused access to that ${context.what}${inSandbox}${codeSuffix}.`, options)
    case 404:
      return new AppError(`not_found:${context.surface}`, `That ${context.what} does not exist${inSandbox}.`, options)
    case 408:
      return new AppError('upstream_timeout:aep', `Adobe timed out waiting for our request (408).`, options)
    case 409:
    case 412:
      return new AppError('conflict:aep', `That ${context.what} changed in Adobe meanwhile (${status}); reload and try again.`, options)
    case 416:
      return new RangeNotSatisfiableError(contentRangeTotal(headers.get('content-range')), { detail, upstreamCode: adobe.code })
    case 429:
      return new AppError('rate_limited:aep', `Adobe is throttling requests; try again in ${waitWords(retryAfterS)}.`, options)
    case 503:
      return new AppError(
        'unavailable:aep',
        `Adobe Experience Platform is unavailable right now; try again in ${waitWords(retryAfterS)}.`,
        options,
      )
    case 504:
      return new AppError('upstream_timeout:aep', `Adobe's gateway timed out (504).`, options)
  }
  if (status >= 500) return new AppError('upstream:aep', `Adobe failed on that request (${status}${adobe.code ? `, ${adobe.code}` : ''}).`, options)
  return new AppError('upstream:aep', `Adobe answered ${status}, which we did not expect${codeSuffix}.`, options)
}

function waitWords(retryAfterS: number | undefined): string {
  return retryAfterS === undefined ? 'a moment' : `${Math.max(1, Math.ceil(retryAfterS))} s`
}

export function unexpectedShapeError(context: CallContext, issue: string): AppError {
  return new AppError('upstream:aep', 'Adobe answered in an unexpected shape.', {
    detail: `${context.what}: ${issue.slice(0, 2000)}`,
  })
}

export function unreachableError(cause: unknown): AppError {
  return new AppError('unavailable:aep', 'Could not reach Adobe Experience Platform; try again in a moment.', {
    cause,
    detail: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
  })
}
