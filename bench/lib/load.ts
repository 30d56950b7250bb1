// One bounded load run with autocannon against the app on loopback, reduced to the figures we report.
import autocannon from 'autocannon'

export interface LoadOptions {
  /** Must be a loopback URL: load is never pointed at anything but this machine. */
  url: string
  headers?: Record<string, string>
  connections: number
  /** Seconds; or give `amount` for a fixed number of requests. */
  durationS?: number
  amount?: number
}

export interface LoadSummary {
  requests: number
  ok: number
  non2xx: number
  errors: number
  timeouts: number
  /** ok ÷ (requests + errors): a connection error is a failure as much as a 5xx is. */
  successRatio: number
  requestsPerS: number
  bytesPerS: number
  p50Ms: number
  p99Ms: number
  statusCounts: Record<string, number>
}

export function assertLoopback(url: string): void {
  const { hostname } = new URL(url)
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`load runs only against loopback, not ${hostname}`)
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  assertLoopback(options.url)
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
    timeout: 30,
  })
  const requests = result.requests.total
  const ok = result['2xx']
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]))
  return {
    requests,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    successRatio: requests + result.errors === 0 ? 0 : ok / (requests + result.errors),
    requestsPerS: requests / Math.max(result.duration, 0.001),
    bytesPerS: result.throughput.total / Math.max(result.duration, 0.001),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statusCounts,
  }
}

/**
 * The most failures in `requests` that are still consistent with a success rate of at least `successTarget`:
 * more than this would be a binomial tail below `alpha` if the true rate were exactly the target. For a short
 * run the point figure is noise (2,000 requests at 99.9 % expect 2 failures and often see 4); this is the honest
 * bound, and the point figure is reported beside it.
 */
export function maxFailuresConsistentWith(requests: number, successTarget: number, alpha = 0.02): number {
  const p = 1 - successTarget
  let term = (1 - p) ** requests
  let cumulative = term
  for (let k = 0; k < requests; k++) {
    if (1 - cumulative < alpha) return k
    term *= ((requests - k) / (k + 1)) * (p / (1 - p))
    cumulative += term
  }
  return requests
}
