// Test-only routes under /__simulator: health, fault rules and the request log. They never see faults and
// are never logged, so tests can set up and inspect without disturbing what they measure.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type FaultStore, faultRulesBody } from './faults'
import type { RequestLog } from './request-log'
import { readBody, sendJson } from './respond'
import { describeIssues } from './validation'

export const ADMIN_PREFIX = '/__simulator'

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, deps: { faults: FaultStore; requests: RequestLog }): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`
  switch (route) {
    case `GET ${ADMIN_PREFIX}/health`:
      return sendJson(res, 200, { ok: true })
    case `GET ${ADMIN_PREFIX}/faults`:
      return sendJson(res, 200, { rules: deps.faults.active })
    case `POST ${ADMIN_PREFIX}/faults`: {
      let input: unknown
      try {
        input = JSON.parse((await readBody(req)).toString('utf8'))
      } catch {
        return sendJson(res, 400, { error: 'The body must be JSON: {"rules": [...]}.' })
      }
      const parsed = faultRulesBody.safeParse(input)
      if (!parsed.success) return sendJson(res, 400, { error: `Invalid fault rules: ${describeIssues(parsed.error.issues)}` })
      deps.faults.replace(parsed.data.rules)
      return sendJson(res, 200, { rules: deps.faults.active })
    }
    case `DELETE ${ADMIN_PREFIX}/faults`:
      deps.faults.clear()
      return sendJson(res, 200, { rules: [] })
    case `GET ${ADMIN_PREFIX}/requests`:
      return sendJson(res, 200, { requests: deps.requests.list() })
    case `DELETE ${ADMIN_PREFIX}/requests`:
      deps.requests.clear()
      return sendJson(res, 200, { requests: [] })
    default:
      return sendJson(res, 404, { error: `No simulator route ${route}.` })
  }
}
