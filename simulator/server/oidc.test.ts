// The sign-in flow end to end with plain fetch, carrying cookies by hand, as a browser and next-auth would.
import { createHash, createPublicKey, type JsonWebKey, randomBytes, verify } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from './index'
import { startSimulator } from './testkit'

const REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/callback/adobe'
const CLIENT = { id: 'score-explorer-web', secret: 'demo-web-secret' }

interface Discovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  jwks_uri: string
  revocation_endpoint: string
  end_session_endpoint: string
  id_token_signing_alg_values_supported: string[]
  token_endpoint_auth_methods_supported: string[]
}

let sim: Simulator
let discovery: Discovery

beforeAll(async () => {
  sim = await startSimulator()
  discovery = (await (await fetch(`${sim.url}/ims/.well-known/openid-configuration`)).json()) as Discovery
})
afterAll(() => sim.close())

/** A minimal cookie jar: the simulator is one origin, so names are enough. */
class Jar {
  private readonly cookies = new Map<string, string>()
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=.*1970/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(eq + 1).trim())
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

const b64url = (buf: Buffer) => buf.toString('base64url')

async function step(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } })
  jar.take(res)
  return res
}

/** Follows redirects on the simulator until one leaves for the app; returns that final Location. */
async function followToApp(jar: Jar, first: Response): Promise<URL> {
  let res = first
  for (let hops = 0; hops < 10; hops++) {
    expect([302, 303]).toContain(res.status)
    const location = new URL(res.headers.get('location') ?? '', sim.url)
    if (location.origin !== sim.url) return location
    res = await step(jar, location.href)
  }
  throw new Error('too many redirects')
}

async function startAuthorization(jar: Jar) {
  const verifier = b64url(randomBytes(32))
  const state = b64url(randomBytes(16))
  const nonce = b64url(randomBytes(16))
  const authorize = new URL(discovery.authorization_endpoint)
  authorize.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString()
  const res = await step(jar, authorize.href)
  expect(res.status).toBe(303)
  const interaction = new URL(res.headers.get('location') ?? '', sim.url)
  expect(interaction.pathname).toMatch(/^\/ims\/interaction\/[\w-]+$/)
  return { verifier, state, nonce, interaction }
}

const signIn = (jar: Jar, interaction: URL, email: string, password: string) =>
  step(jar, interaction.href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  })

function verifyJwt(jwt: string, jwks: { keys: (Record<string, unknown> & { kid?: string })[] }): Record<string, unknown> {
  const [h = '', p = '', s = ''] = jwt.split('.')
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string; kid: string }
  expect(header.alg).toBe('RS256')
  const jwk = jwks.keys.find((k) => k.kid === header.kid)
  expect(jwk).toBeDefined()
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' })
  expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true)
  return JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>
}

describe('OIDC discovery', () => {
  it("uses the simulator's origin as issuer and Adobe's route names", () => {
    expect(discovery).toMatchObject({
      issuer: sim.url,
      authorization_endpoint: `${sim.url}/ims/authorize/v2`,
      token_endpoint: `${sim.url}/ims/token/v3`,
      userinfo_endpoint: `${sim.url}/ims/userinfo/v2`,
      jwks_uri: `${sim.url}/ims/keys`,
      revocation_endpoint: `${sim.url}/ims/revoke`,
      end_session_endpoint: `${sim.url}/ims/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
    })
    expect(discovery.token_endpoint_auth_methods_supported).toContain('client_secret_basic')
  })

  it('publishes RS256 signing keys without private parts', async () => {
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] }
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' })
    expect(jwks.keys[0]).not.toHaveProperty('d')
  })
})

describe('authorization code flow with PKCE', () => {
  it('signs alice in and hands the app a code, tokens and userinfo', async () => {
    const jar = new Jar()
    const { verifier, state, nonce, interaction } = await startAuthorization(jar)

    const form = await step(jar, interaction.href)
    expect(form.status).toBe(200)
    const html = await form.text()
    for (const text of ['Sign in to Adobe (simulated)', '<label for="email">Email</label>', '<label for="password">Password</label>', '>Sign in</button>', 'alice@acme.example', 'eve@other.example']) {
      expect(html).toContain(text)
    }

    const wrong = await signIn(jar, interaction, 'alice@acme.example', 'nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Wrong email or password.')

    const callback = await followToApp(jar, await signIn(jar, interaction, 'alice@acme.example', 'demo'))
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI)
    expect(callback.searchParams.get('state')).toBe(state)
    expect(callback.searchParams.get('iss')).toBe(discovery.issuer)
    const code = callback.searchParams.get('code')
    expect(code).toBeTruthy()

    const tokenRes = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString(),
    })
    expect(tokenRes.status).toBe(200)
    const tokens = (await tokenRes.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number }
    expect(tokens.token_type.toLowerCase()).toBe('bearer')

    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] }
    const claims = verifyJwt(tokens.id_token, jwks)
    expect(claims).toMatchObject({
      iss: discovery.issuer,
      aud: CLIENT.id,
      nonce,
      email: 'alice@acme.example',
      email_verified: true,
      name: 'Alice Archer',
      given_name: 'Alice',
      family_name: 'Archer',
    })

    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${tokens.access_token}` } })
    expect(userinfo.status).toBe(200)
    expect(await userinfo.json()).toMatchObject({ sub: claims.sub, email: 'alice@acme.example', name: 'Alice Archer' })

    // The same token endpoint still serves client credentials.
    const s2s = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=score-explorer-demo&client_secret=demo-secret&grant_type=client_credentials&scope=openid',
    })
    expect(s2s.status).toBe(200)
  })

  it('refuses a code exchange with a wrong verifier', async () => {
    const jar = new Jar()
    const { interaction } = await startAuthorization(jar)
    const callback = await followToApp(jar, await signIn(jar, interaction, 'bob@acme.example', 'demo'))
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: b64url(randomBytes(32)) }).toString(),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant')
  })

  it('authenticates eve too: refusing her organisation is the app’s job', async () => {
    const jar = new Jar()
    const { interaction } = await startAuthorization(jar)
    const callback = await followToApp(jar, await signIn(jar, interaction, 'eve@other.example', 'demo'))
    expect(callback.searchParams.get('code')).toBeTruthy()
  })

  it('refuses an unregistered redirect URI', async () => {
    const url = new URL(discovery.authorization_endpoint)
    url.search = new URLSearchParams({ client_id: CLIENT.id, redirect_uri: 'http://evil.example/cb', response_type: 'code', scope: 'openid' }).toString()
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(400)
  })

  it('lets the person cancel, returning access_denied to the app', async () => {
    const jar = new Jar()
    const { interaction, state } = await startAuthorization(jar)
    const callback = await followToApp(jar, await step(jar, `${interaction.href}/abort`, { method: 'POST' }))
    expect(callback.searchParams.get('error')).toBe('access_denied')
    expect(callback.searchParams.get('state')).toBe(state)
  })
})
