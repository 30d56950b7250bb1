// IMS server-to-server credentials: POST /ims/token/v3 with grant_type=client_credentials (aep-api.md §6.1).
// The same path serves the sign-in grants (authorization_code, refresh_token); those go to the OIDC provider,
// as Adobe uses one token endpoint for both.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { oauthError } from './errors'
import { opaqueToken } from './ids'
import { mediaType, readBody, sendJson } from './respond'

export const S2S_CLIENT_ID = 'score-explorer-demo'
export const S2S_CLIENT_SECRET = 'demo-secret'
/** What Adobe answers: just under 24 hours, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 86399

export interface TokenRecord {
  clientId: string
  scope: string
  issuedAt: number
  expiresAt: number
}

/** Access tokens issued here, kept in memory with their expiry. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>()

  issue(clientId: string, scope: string, ttlSeconds: number, now = Date.now()): string {
    if (this.tokens.size > 10_000) this.prune(now)
    const token = opaqueToken()
    this.tokens.set(token, { clientId, scope, issuedAt: now, expiresAt: now + ttlSeconds * 1000 })
    return token
  }

  /** The token's record if it was issued here and has not expired. */
  verify(token: string, now = Date.now()): TokenRecord | undefined {
    const record = this.tokens.get(token)
    return record && record.expiresAt > now ? record : undefined
  }

  private prune(now: number): void {
    for (const [token, record] of this.tokens) if (record.expiresAt <= now) this.tokens.delete(token)
  }
}

/** Grants the OIDC provider owns on the shared token endpoint. */
const OIDC_GRANTS = new Set(['authorization_code', 'refresh_token'])

export interface TokenEndpointDeps {
  tokens: TokenStore
  /** Lifetime of new tokens (the `token-ttl` fault shortens it). */
  ttlSeconds: number
  /** Hands the request, with its already-read body, to the OIDC provider. */
  forwardToOidc: (body: Buffer) => Promise<void>
}

export async function handleTokenEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, deps: TokenEndpointDeps): Promise<void> {
  const body = await readBody(req, 64 * 1024)
  // Parameters may come in the body or the query string; the body wins, as Adobe recommends sending them there.
  const params = new URLSearchParams(url.search)
  if (mediaType(req) === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
  }
  const grantType = params.get('grant_type')
  if (grantType && OIDC_GRANTS.has(grantType)) return deps.forwardToOidc(body)

  if (!grantType) throw oauthError(400, 'invalid_request', 'missing required parameter: grant_type')
  if (grantType !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', `unsupported grant_type: ${grantType}`)

  const basic = parseBasic(req.headers.authorization)
  const clientId = params.get('client_id') ?? basic?.id
  const clientSecret = params.get('client_secret') ?? basic?.secret
  if (!clientId) throw oauthError(400, 'invalid_request', 'missing required parameter: client_id')
  if (!clientSecret) throw oauthError(400, 'invalid_request', 'missing required parameter: client_secret')
  if (clientId !== S2S_CLIENT_ID || clientSecret !== S2S_CLIENT_SECRET) {
    throw oauthError(401, 'invalid_client', 'invalid client_id or client_secret')
  }
  const scope = params.get('scope')
  if (!scope) throw oauthError(400, 'invalid_request', 'missing required parameter: scope')

  const accessToken = deps.tokens.issue(clientId, scope, deps.ttlSeconds)
  sendJson(
    res,
    200,
    { access_token: accessToken, token_type: 'bearer', expires_in: deps.ttlSeconds },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  )
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!m?.[1]) return undefined
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) }
}
