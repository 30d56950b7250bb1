// The app's configuration, as one zod schema. Shared by lib/env.ts (the server) and scripts/start.ts (the launcher,
// which validates before anything starts), so both refuse the same mistakes with the same words.
import { z } from 'zod'

const url = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `${name} must be an http(s) URL`,
    })
    .transform((value) => value.replace(/\/+$/, ''))

const nonEmpty = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`)

export const aepConfigSchema = z.object({
  AEP_IMS_URL: url('AEP_IMS_URL'),
  AEP_PLATFORM_URL: url('AEP_PLATFORM_URL'),
  AEP_CLIENT_ID: nonEmpty('AEP_CLIENT_ID'),
  AEP_CLIENT_SECRET: nonEmpty('AEP_CLIENT_SECRET'),
  AEP_ORG_ID: nonEmpty('AEP_ORG_ID').regex(/^[A-Za-z0-9]+@AdobeOrg$/, 'AEP_ORG_ID must look like XXXXXXXX@AdobeOrg'),
  AEP_SCOPES: nonEmpty('AEP_SCOPES').default('openid,session,AdobeID,read_organizations,additional_info.projectedProductContext'),
})

export const authConfigSchema = z.object({
  /** OIDC discovery document. Adobe IMS: https://ims-na1.adobelogin.com/ims/.well-known/openid-configuration */
  AUTH_OIDC_DISCOVERY_URL: url('AUTH_OIDC_DISCOVERY_URL'),
  AUTH_OIDC_CLIENT_ID: nonEmpty('AUTH_OIDC_CLIENT_ID'),
  AUTH_OIDC_CLIENT_SECRET: nonEmpty('AUTH_OIDC_CLIENT_SECRET'),
  AUTH_OIDC_SCOPES: nonEmpty('AUTH_OIDC_SCOPES').default('openid email profile'),
  /** Comma-separated e-mail domains whose people may sign in, e.g. `acme.example,acme.example.co.uk`. */
  AUTH_ALLOWED_EMAIL_DOMAINS: nonEmpty('AUTH_ALLOWED_EMAIL_DOMAINS')
    .transform((value) => value.split(',').map((domain) => domain.trim().toLowerCase()).filter(Boolean))
    .refine((domains) => domains.length > 0 && domains.every((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)), {
      message: 'AUTH_ALLOWED_EMAIL_DOMAINS must be a comma-separated list of domains such as acme.example',
    }),
  NEXTAUTH_SECRET: nonEmpty('NEXTAUTH_SECRET').refine((value) => Buffer.byteLength(value) >= 32, {
    message: 'NEXTAUTH_SECRET must be at least 32 bytes (openssl rand -base64 32)',
  }),
  NEXTAUTH_URL: url('NEXTAUTH_URL'),
})

export const databaseConfigSchema = z.object({
  /** `file:<path>` (SQLite, the default) or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:.data/score-explorer.sqlite')
    .refine((value) => value.startsWith('file:') || /^postgres(ql)?:\/\//.test(value), {
      message: 'DATABASE_URL must be file:<path> (SQLite) or postgres://… (PostgreSQL)',
    }),
})

export const appConfigSchema = aepConfigSchema.and(authConfigSchema).and(databaseConfigSchema)

export type AppConfig = z.infer<typeof appConfigSchema>

export interface AepConfig {
  imsUrl: string
  platformUrl: string
  clientId: string
  clientSecret: string
  orgId: string
  scopes: string
}

export const aepKeys = ['AEP_IMS_URL', 'AEP_PLATFORM_URL', 'AEP_CLIENT_ID', 'AEP_CLIENT_SECRET', 'AEP_ORG_ID'] as const

/** Demo mode: none of the Adobe settings is given, so the launcher starts the simulator and points the app at it. */
export function isDemoMode(env: Record<string, string | undefined>): boolean {
  return aepKeys.every((key) => !env[key])
}

/** Parses the environment; on failure the message names every setting that is missing or malformed. */
export function parseAppConfig(env: Record<string, string | undefined>): AppConfig {
  const result = appConfigSchema.safeParse(env)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.message}`)
    throw new ConfigError(`Score Explorer cannot start; fix its configuration:\n${[...new Set(lines)].join('\n')}`)
  }
  return result.data
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export function toAepConfig(config: AppConfig): AepConfig {
  return {
    imsUrl: config.AEP_IMS_URL,
    platformUrl: config.AEP_PLATFORM_URL,
    clientId: config.AEP_CLIENT_ID,
    clientSecret: config.AEP_CLIENT_SECRET,
    orgId: config.AEP_ORG_ID,
    scopes: config.AEP_SCOPES,
  }
}
