// The part of autocannon 9's programmatic API that bench/ and e2e/load.e2e.ts use (the package ships no types).
// Shapes from its README ("API", "Results") and lib/aggregateResult.js.
declare module 'autocannon' {
  export interface AutocannonOptions {
    url: string
    connections?: number
    /** Seconds. */
    duration?: number
    /** Stop after this many requests (takes precedence over duration). */
    amount?: number
    /** Seconds before a request counts as a timeout. */
    timeout?: number
    method?: string
    headers?: Record<string, string>
    title?: string
  }

  /** hdr-histogram-percentiles-obj, plus totals on the requests and throughput histograms. */
  export interface Histogram {
    min: number
    max: number
    average: number
    mean: number
    stddev: number
    p50: number
    p90: number
    p97_5: number
    p99: number
    p99_9: number
    total: number
  }

  export interface AutocannonResult {
    title?: string
    url: string
    connections: number
    /** Seconds. */
    duration: number
    /** Connection errors, timeouts included. */
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats: Record<string, { count: number }>
    /** Milliseconds. */
    latency: Histogram
    /** Per second; `total` is every completed request. */
    requests: Histogram & { sent: number }
    /** Bytes per second; `total` is every byte received. */
    throughput: Histogram
  }

  export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    stop(): void
  }

  function autocannon(options: AutocannonOptions): AutocannonInstance

  export default autocannon
}
