// Small response and request-body helpers shared by every API area.
import { type IncomingMessage, type ServerResponse } from 'node:http'
import { badRequest, HttpError, type Service } from './errors'

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': String(bytes.length),
    ...headers,
  })
  res.end(bytes)
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(html)
  res.writeHead(status, {
    'Content-Type': 'text/html;charset=utf-8',
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    // Inline styles only; no scripts. No form-action: the sign-in POST ends in a redirect to the app's origin.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  res.end(bytes)
}

const BODY_LIMIT = 1024 * 1024

/** Reads a request body fully; bodies here are small JSON or form posts, never files. */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buf.length
    if (size > limit) throw new HttpError(413, { error_code: '413000', message: 'Request entity too large' })
    chunks.push(buf)
  }
  return Buffer.concat(chunks, size)
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** Parses a JSON body after checking Content-Type, answering like Adobe's docs show for a wrong one. */
export async function readJson(req: IncomingMessage, service: Service): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    // The exact body Adobe's troubleshooting guide shows for this case (older problem-details form).
    throw new HttpError(400, {
      type: '/placeholder/type/uri',
      status: 400,
      title: 'BadRequestError',
      detail: 'A valid content-type must be specified',
    })
  }
  const text = (await readBody(req)).toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw badRequest(service, 'The request body is not valid JSON.')
  }
}

/**
 * The origin clients reach us at, for absolute `href`s. Taken from the Host header so that a client that
 * connects through `localhost` gets links it can follow; falls back to the listening URL.
 */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host
  return host && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? `http://${host}` : fallback
}
