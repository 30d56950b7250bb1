// Reading the simulator the way a script would call Adobe directly: the independent path the app's bytes are
// compared against.
import { simulatorUrl } from './env'

const orgId = '0123456789ABCDEF01234567@AdobeOrg'
const apiKey = 'score-explorer-demo'

async function token(): Promise<string> {
  const response = await fetch(`${simulatorUrl}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: apiKey, client_secret: 'demo-secret', grant_type: 'client_credentials', scope: 'openid' }),
  })
  return ((await response.json()) as { access_token: string }).access_token
}

export async function adobeGet(path: string, sandbox = 'prod', extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${simulatorUrl}${path}`, {
    headers: { authorization: `Bearer ${await token()}`, 'x-api-key': apiKey, 'x-gw-ims-org-id': orgId, 'x-sandbox-name': sandbox, ...extra },
  })
}

export async function fileBytesFromAdobe(sandbox: string, dataSetFileId: string, name: string): Promise<Buffer> {
  const response = await adobeGet(`/data/foundation/export/files/${dataSetFileId}?path=${encodeURIComponent(name)}`, sandbox)
  if (!response.ok) throw new Error(`simulator answered ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}
