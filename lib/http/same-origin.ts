import 'server-only'
import { AppError } from '@/lib/errors'
import { serverConfig } from '@/lib/env'

/**
 * Route handlers get no CSRF protection from Next (reliability.md §2.4). A state change is therefore a POST or
 * DELETE that must come from our own pages: `Origin` equal to the app's origin (or `Sec-Fetch-Site: same-origin`),
 * and, with a body, `Content-Type: application/json`, which a cross-site form cannot send without a preflight.
 */
export function assertSameOrigin(request: Request, { needsJsonBody }: { needsJsonBody: boolean }): void {
  const origin = request.headers.get('origin')
  const appOrigin = new URL(serverConfig().NEXTAUTH_URL).origin
  const sameSite = request.headers.get('sec-fetch-site') === 'same-origin'
  if (origin !== appOrigin && !(origin === null && sameSite)) {
    throw new AppError('forbidden:request', 'This change must be made from Score Explorer itself.')
  }
  if (needsJsonBody && !(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type:request', 'Send the request body as JSON (Content-Type: application/json).')
  }
}

/** Reads a JSON body, turning a malformed one into a 400 in words. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json()
  } catch {
    throw new AppError('bad_request:request', 'The request body is not valid JSON.')
  }
}
