// Load on the two routes people hit hardest (reliability.md T4.6, full form): the instance listing and a 64 KiB
// Range read (what a parquet reader asks for), 50 connections for 30 s each, healthy and then with 5 % of Adobe's
// answers failing (503). Upstream calls are counted from the simulator's request log.
import { runLoad, type LoadSummary } from '../lib/load'
import { atLeast, atMost, figure, ratioAtMost } from '../lib/measure'
import { mb, pidListeningOn, rssBytes } from '../lib/process-memory'
import { filePath, latestRuns } from '../lib/runs'
import type { BenchContext, Measurement, Suite } from '../types'

const connections = 50
const durationS = 30

interface Target {
  label: string
  url: string
  headers: Record<string, string>
  /** Path prefix of the Adobe calls this route makes, for the fault rule. */
  upstream: string
}

function describe(label: string, load: LoadSummary): Measurement[] {
  return [
    figure(`${label}: requests/s`, load.requestsPerS, 'req/s'),
    figure(`${label}: p50 latency`, load.p50Ms, 'ms'),
    figure(`${label}: p99 latency`, load.p99Ms, 'ms'),
    figure(`${label}: errors + non-2xx`, load.errors + load.non2xx, ''),
  ]
}

async function healthy(context: BenchContext, target: Target): Promise<{ measurements: Measurement[]; callsPerRequest: number }> {
  const pid = pidListeningOn(context.appPort)
  const before = rssBytes(pid)
  const counting = await context.simulator.startCounting()
  const load = await runLoad({ url: target.url, headers: target.headers, connections, durationS })
  const { calls } = await counting.count(target.upstream)
  const after = rssBytes(pid)
  context.log(`${target.label}: ${load.requests} requests, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.errors + load.non2xx} failed, RSS ${mb(before).toFixed(0)} → ${mb(after).toFixed(0)} MB`)
  const callsPerRequest = calls / Math.max(1, load.requests)
  return {
    callsPerRequest,
    measurements: [
      ...describe(target.label, load),
      atMost(`${target.label}: failed requests`, load.errors + load.non2xx, '', 0),
      figure(`${target.label}: app RSS before`, mb(before), 'MB'),
      figure(`${target.label}: app RSS after`, mb(after), 'MB'),
      figure(`${target.label}: Adobe calls per request`, callsPerRequest, ''),
    ],
  }
}

async function withFailures(context: BenchContext, target: Target, healthyCallsPerRequest: number): Promise<Measurement[]> {
  const counting = await context.simulator.startCounting()
  await context.simulator.setFaults([{ match: target.upstream, kind: 'status', status: 503, rate: 0.05 }])
  try {
    const load = await runLoad({ url: target.url, headers: target.headers, connections, durationS })
    const { calls } = await counting.count(target.upstream)
    const callsPerRequest = calls / Math.max(1, load.requests)
    const label = `${target.label}, 5 % 503`
    context.log(`${label}: ${load.requests} requests, success ${(load.successRatio * 100).toFixed(3)} %, ${callsPerRequest.toFixed(3)} Adobe calls per request`)
    return [
      ...describe(label, load),
      atLeast(`${label}: success`, load.successRatio * 100, '%', 99.9),
      ratioAtMost(`${label}: Adobe calls per request (baseline: healthy)`, callsPerRequest, healthyCallsPerRequest, '', 1.1),
    ]
  } finally {
    await context.simulator.clearFaults()
  }
}

const suite: Suite = {
  name: 'load',
  description: `${connections} connections × ${durationS} s on the instance listing and a 64 KiB Range read, healthy and with 5 % 503`,
  async run(context) {
    const runs = await latestRuns(context)
    const run = runs.find((candidate) => candidate.sandbox === 'prod' && candidate.parts.length > 0)
    const part = run?.parts[0]
    if (!run || !part) throw new Error('no part file to read')
    const targets: Target[] = [
      {
        label: 'listing',
        url: `${context.appUrl}/api/sandboxes/prod/instances`,
        headers: context.session,
        upstream: '/data',
      },
      {
        label: 'range 64 KiB',
        url: `${context.appUrl}${filePath(run.sandbox, part)}`,
        headers: { ...context.session, range: `bytes=${Math.max(0, part.size - 65_536)}-${part.size - 1}` },
        upstream: `/data/foundation/export/files/${part.dataSetFileId}?path=`,
      },
    ]
    const measurements: Measurement[] = []
    for (const target of targets) {
      const { measurements: figures, callsPerRequest } = await healthy(context, target)
      measurements.push(...figures, ...(await withFailures(context, target, callsPerRequest)))
    }
    return measurements
  },
}

export default suite
