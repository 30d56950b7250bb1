// `npm run simulator`: the AEP simulator alone, configured from the environment.
import { z } from 'zod'
import { DEMO_ACCOUNTS } from './server/accounts'
import { API_KEY } from './server/gateway'
import { S2S_CLIENT_SECRET } from './server/ims'
import { createSimulator, DEFAULT_APP_ORIGINS } from './server/index'
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } from './server/oidc'

const env = z
  .object({
    SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
    SIMULATOR_SCALE: z.enum(['demo', 'seed']).optional(),
    SIMULATOR_SEED: z.string().min(1).optional(),
    SIMULATOR_DATA_DIR: z.string().min(1).default('.data/simulator'),
    SIMULATOR_APP_ORIGINS: z
      .string()
      .default(DEFAULT_APP_ORIGINS.join(','))
      .transform((s) => s.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o.length > 0))
      .pipe(z.array(z.url()).min(1)),
  })
  .safeParse(process.env)

if (!env.success) {
  console.error(`simulator: invalid configuration:\n${env.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
  process.exit(1)
}
const config = env.data

const simulator = await createSimulator({
  host: config.SIMULATOR_HOST,
  port: config.SIMULATOR_PORT,
  dataDir: config.SIMULATOR_DATA_DIR,
  seed: config.SIMULATOR_SEED,
  scale: config.SIMULATOR_SCALE,
  appOrigins: config.SIMULATOR_APP_ORIGINS,
  log: (msg) => console.info(msg),
}).catch((err: unknown) => {
  console.error(`simulator: could not start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})

const { url, world } = simulator
console.info(`
AEP simulator ready at ${url}
  IMS token (server-to-server): POST ${url}/ims/token/v3
    client_id=${API_KEY} client_secret=${S2S_CLIENT_SECRET}
  Platform APIs: ${url}/data/...  (x-api-key: ${API_KEY}, x-gw-ims-org-id: ${world.orgId})
  Sandboxes: ${world.sandboxes.map((s) => `${s.name}${s.isDefault ? ' (default)' : ''}`).join(', ')}
  OIDC sign-in: issuer ${url}, discovery ${url}/ims/.well-known/openid-configuration
    client_id=${OIDC_CLIENT_ID} client_secret=${OIDC_CLIENT_SECRET}
    redirect URIs: ${config.SIMULATOR_APP_ORIGINS.map((o) => `${o}/api/auth/callback/adobe`).join(', ')}
  People who can sign in (password "demo" for each):
${DEMO_ACCOUNTS.map((a) => `    ${a.email}  ${a.givenName} ${a.familyName}`).join('\n')}
`)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  console.info(`simulator: ${signal} received, shutting down`)
  simulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`simulator: error while closing: ${String(err)}`)
      process.exit(1)
    },
  )
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
