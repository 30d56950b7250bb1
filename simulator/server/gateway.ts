// The Adobe I/O gateway's header checks, run before every /data call (aep-api.md §7).
import type { IncomingMessage } from 'node:http'
import type { SandboxRecord } from '../model'
import { gateway, HttpError } from './errors'
import { S2S_CLIENT_ID, type TokenRecord, type TokenStore } from './ims'
import type { SimulatorState } from './state'

export const API_KEY = S2S_CLIENT_ID

export interface CallerContext {
  token: TokenRecord
  /** The sandbox named by `x-sandbox-name`, or the default sandbox (`prod`) when the header is absent. */
  sandbox: SandboxRecord
}

export interface GatewayOptions {
  /** Sandbox Management reads the sandbox from its path and ignores the header (AdobeDocs issue #368). */
  ignoreSandboxHeader?: boolean
}

export function checkGateway(req: IncomingMessage, state: SimulatorState, tokens: TokenStore, options: GatewayOptions = {}): CallerContext {
  const authorization = header(req, 'authorization')
  if (!authorization) throw gateway.tokenMissing()
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
  const token = bearer ? tokens.verify(bearer) : undefined
  if (!token) throw gateway.tokenInvalid()

  const apiKey = header(req, 'x-api-key')
  if (!apiKey) throw gateway.apiKeyMissing()
  if (apiKey !== API_KEY) throw gateway.apiKeyInvalid()

  const org = header(req, 'x-gw-ims-org-id')
  if (!org) throw gateway.orgMissing()
  if (org !== state.orgId) throw gateway.orgInvalid()

  const fallback = state.defaultSandbox()
  if (!fallback) throw new Error('the world has no sandboxes')
  const name = header(req, 'x-sandbox-name')
  if (!name || options.ignoreSandboxHeader) return { token, sandbox: fallback }
  const sandbox = state.sandbox(name)
  // Adobe's answer for an unknown sandbox is not documented. We answer 403 in the problem-details form
  // (sandbox errors use `{type, title, status}` with SMS- type URIs), since the gateway treats it as a
  // permission question: the caller is not provisioned for a sandbox of that name.
  if (!sandbox) {
    throw new HttpError(403, {
      type: 'http://ns.adobe.com/aep/errors/SMS-403',
      title: 'Forbidden',
      status: 403,
      detail: `Sandbox '${name}' does not exist in this organization or the caller has no access to it.`,
    })
  }
  return { token, sandbox }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && s.trim().length > 0 ? s.trim() : undefined
}
