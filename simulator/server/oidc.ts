// The sign-in side of the simulated IMS: an oidc-provider instance mounted under /ims with Adobe's route names
// (aep-api.md §6.2). Issuer = the simulator's origin, as Adobe's issuer is its host without the /ims path.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { IncomingMessage, type ServerResponse } from 'node:http'
import Provider, { type Configuration, type HookContext } from 'oidc-provider'
import { accountBySubject, claimsOf } from './accounts'
import { memoryAdapterFactory } from './oidc-adapter'
import { logoutPage, messagePage } from './pages'

export const IMS_PREFIX = '/ims'
export const OIDC_CLIENT_ID = 'score-explorer-web'
export const OIDC_CLIENT_SECRET = 'demo-web-secret'
export const OIDC_CLIENT_NAME = 'Score Explorer'
export const CALLBACK_PATH = '/api/auth/callback/adobe'

export interface OidcMount {
  provider: Provider
  /** Serves a request under /ims. `body` replays a request body that was already read (the shared token endpoint). */
  handle(req: IncomingMessage, res: ServerResponse, body?: Buffer): Promise<void>
}

export function createOidc(opts: { issuer: string; appOrigins: string[]; log: (msg: string) => void }): OidcMount {
  const provider = new Provider(opts.issuer, configuration(opts.appOrigins))
  provider.on('server_error', (_ctx, err) => opts.log(`simulator: OIDC server error: ${err.stack ?? err.message}`))
  const callback = provider.callback()
  return {
    provider,
    async handle(req, res, body) {
      const target = body ? replay(req, body) : req
      const url = target.url ?? '/'
      // oidc-provider derives its mount path from `originalUrl` (as Express sets it) minus the rewritten url.
      Object.assign(target, { originalUrl: url })
      target.url = url.slice(IMS_PREFIX.length) || '/'
      await callback(target, res)
    },
  }
}

function configuration(appOrigins: string[]): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'ims_sim-key-1', alg: 'RS256', use: 'sig' }
  const day = 24 * 60 * 60
  return {
    adapter: memoryAdapterFactory(),
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        client_name: OIDC_CLIENT_NAME,
        redirect_uris: appOrigins.map((o) => `${o}${CALLBACK_PATH}`),
        post_logout_redirect_uris: appOrigins.flatMap((o) => [o, `${o}/`]),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // oidc-provider binds one auth method per client; next-auth's default is basic.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    routes: {
      authorization: '/authorize/v2',
      token: '/token/v3',
      userinfo: '/userinfo/v2',
      jwks: '/keys',
      revocation: '/revoke',
      end_session: '/logout',
    },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    // Put the granted claims in the ID token too: next-auth's OIDC providers read the profile from it.
    conformIdTokenClaims: false,
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      // Adobe IMS advertises neither; keeping them off keeps discovery close to Adobe's.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: HookContext, form: string) => {
          ctx.body = logoutPage(form)
        },
        postLogoutSuccessSource: (ctx: HookContext) => {
          ctx.body = messagePage('Signed out', 'You are signed out of the simulated Adobe IMS.')
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${IMS_PREFIX}/interaction/${interaction.uid}` },
    cookies: {
      keys: [randomBytes(32).toString('hex')],
      // Cookies ignore ports: on 127.0.0.1 the app (port 3000) and the simulator share one cookie jar, so the
      // IdP's cookies get names no app would use. They are not `secure`, which plain-http loopback requires.
      names: { session: 'ims_sim_session', interaction: 'ims_sim_interaction', resume: 'ims_sim_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    findAccount: async (_ctx, sub) => {
      const account = accountBySubject(sub)
      return account ? { accountId: sub, claims: () => claimsOf(account) } : undefined
    },
    ttl: {
      AccessToken: 86399,
      AuthorizationCode: 600,
      IdToken: 86399,
      RefreshToken: 14 * day,
      Interaction: 60 * 60,
      Session: 14 * day,
      Grant: 14 * day,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html'
      const detail = Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('; ')
      ctx.body = messagePage('Sign-in error', detail)
    },
    clientBasedCORS: () => false,
  }
}

/** A fresh IncomingMessage over the same socket that yields the body we already consumed. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket)
  copy.method = req.method
  copy.url = req.url
  copy.headers = req.headers
  copy.rawHeaders = req.rawHeaders
  copy.httpVersion = req.httpVersion
  copy.httpVersionMajor = req.httpVersionMajor
  copy.httpVersionMinor = req.httpVersionMinor
  // Never pull from the socket: the body is already here.
  copy._read = () => undefined
  copy.push(body)
  copy.push(null)
  // An incomplete IncomingMessage destroys its socket when it is destroyed; this one is complete by design.
  copy.complete = true
  return copy
}
