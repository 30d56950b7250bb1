import 'server-only'
import { type AepConfig, type AppConfig, parseAppConfig, toAepConfig } from '@/lib/config/schema'

let cached: AppConfig | undefined

/** The validated configuration. Throws a ConfigError naming each bad setting (instrumentation.ts stops the app on it). */
export function serverConfig(): AppConfig {
  cached ??= parseAppConfig(process.env)
  return cached
}

export function aepConfig(): AepConfig {
  return toAepConfig(serverConfig())
}
