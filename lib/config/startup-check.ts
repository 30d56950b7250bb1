// A missing or malformed setting stops the app at start-up with a message naming it, instead of failing on the
// first request.
import { ConfigError, parseAppConfig } from '@/lib/config/schema'

try {
  parseAppConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}
