import 'server-only'
import type { z } from 'zod'
import { requireUser, type SignedInUser } from '@/lib/auth/session'
import { AppError, errorResponse } from '@/lib/errors'

interface RouteContext<Params> {
  params?: Promise<Params>
}

export interface HandlerArgs<Params> {
  request: Request
  params: Params
  user: SignedInUser
}

export const clientClosedRequest = 499

function isTheirLeaving(request: Request, error: unknown): boolean {
  if (!request.signal.aborted) return false
  if (error === request.signal.reason) return true
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted')
}

/**
 * Every API route goes through here: the session is checked first (so a stranger learns nothing, not even whether
 * the input was valid), then the route's params are parsed with zod, then the handler runs. Anything thrown becomes
 * our error contract; nothing else reaches the browser.
 */
export function withUser<Schema extends z.ZodType>(
  paramsSchema: Schema,
  handler: (args: HandlerArgs<z.infer<Schema>>) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<unknown>): Promise<Response> => {
    try {
      const user = await requireUser()
      // Routes without dynamic segments get no params object at all.
      const params = parseOrThrow(paramsSchema, (await context.params) ?? {})
      return await handler({ request, params, user })
    } catch (error) {
      // The person left (closed the tab, cancelled a download, a script timed out) and the work was aborted with
      // them: no fault of ours to log, and nobody reads the answer. 499 is nginx's "client closed request". Any
      // other error is logged as usual, even when the person has gone since.
      if (isTheirLeaving(request, error)) return new Response(null, { status: clientClosedRequest })
      return errorResponse(error)
    }
  }
}

export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new AppError('bad_request:request', `${where}${issue?.message ?? 'The request is malformed.'}`)
}

/** JSON for authenticated data: never cached by browsers or proxies. */
export function privateJson(data: unknown, init?: ResponseInit): Response {
  const response = Response.json(data, init)
  response.headers.set('cache-control', 'private, no-store')
  return response
}
