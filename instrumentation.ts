// Runs once when the server starts (Next's documented Node-only pattern): see lib/config/startup-check.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('@/lib/config/startup-check')
}
