// Runs once when the server starts: a missing or malformed setting stops the app with a message naming it,
// instead of failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { parseAppConfig, ConfigError } = await import('@/lib/config/schema')
  try {
    parseAppConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}
