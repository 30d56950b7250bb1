// Liveness for Playwright's webServer and load balancers. Public on purpose: it reads no data and calls no one.
export const dynamic = 'force-dynamic'

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } })
}
