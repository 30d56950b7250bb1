// Credentials for the demo organisation: a session for alice, minted with the launcher's own NEXTAUTH_SECRET
// (no browser sign-in needed), and the server credential for reading the simulator directly.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { encode } from 'next-auth/jwt'

const root = path.resolve(import.meta.dirname, '../..')

/** The cookie header of a signed-in alice. The demo launcher keeps its secret in .data/nextauth-secret. */
export async function aliceSession(): Promise<Record<string, string>> {
  const secret = process.env.NEXTAUTH_SECRET ?? readFileSync(path.join(root, '.data/nextauth-secret'), 'utf8').trim()
  const token = await encode({ token: { email: 'alice@acme.example', name: 'Alice Archer', sub: 'alice' }, secret })
  return { cookie: `next-auth.session-token=${token}` }
}

const orgId = '0123456789ABCDEF01234567@AdobeOrg'
const clientId = 'score-explorer-demo'

/** Adobe's four headers for the simulator, with one IMS token fetched once and reused. */
export function adobeHeaders(simulatorUrl: string): (sandbox: string) => Promise<Record<string, string>> {
  let token: Promise<string> | undefined
  const fetchToken = async () => {
    const response = await fetch(`${simulatorUrl}/ims/token/v3`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, client_secret: 'demo-secret', grant_type: 'client_credentials', scope: 'openid' }),
    })
    if (!response.ok) throw new Error(`the simulator refused a token: ${response.status}`)
    return ((await response.json()) as { access_token: string }).access_token
  }
  return async (sandbox) => {
    token ??= fetchToken()
    return { authorization: `Bearer ${await token}`, 'x-api-key': clientId, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandbox }
  }
}
