import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { type LoadSummary, maxFailuresConsistentWith, runLoad } from '../bench/lib/load'
import { mb, pidListeningOn, rssBytes } from '../bench/lib/process-memory'
import { simulatorAdmin } from '../bench/lib/simulator'
import { appPort } from '../playwright.config'
import { appUrl, simulatorUrl, storageStateOf } from './support/env'

// Short, bounded load on loopback (reliability.md T4.6): the listing and a Range read at 10 connections for 5 s,
// then Range reads with 5 % of Adobe's answers failing. The full forms (50 connections, 30 s) are in
// `npm run bench` (bench/suites/load.ts), never in `npm test`.

test.use({ storageState: storageStateOf('alice') })

const simulator = simulatorAdmin(simulatorUrl)
test.afterEach(() => simulator.clearFaults())

function aliceCookie(): string {
  const state = JSON.parse(readFileSync(storageStateOf('alice'), 'utf8')) as { cookies: { name: string; value: string }[] }
  return state.cookies.map(({ name, value }) => `${name}=${value}`).join('; ')
}

interface Part {
  dataSetFileId: string
  name: string
  size: number
}

/** The first part of Purchase Conversion's latest successful run, and a 64 KiB read of its footer end. */
async function footerRead(): Promise<{ url: string; range: string; part: Part }> {
  const headers = { cookie: aliceCookie() }
  const { instances } = (await (await fetch(`${appUrl}/api/sandboxes/prod/instances`, { headers })).json()) as {
    instances: { name: string; latestSuccessfulRun?: { batchId: string } }[]
  }
  const batchId = instances.find((instance) => instance.name === 'Purchase Conversion')?.latestSuccessfulRun?.batchId
  const { files } = (await (await fetch(`${appUrl}/api/sandboxes/prod/batches/${batchId}`, { headers })).json()) as { files: Part[] }
  const part = files[0]
  if (!part) throw new Error('no part file to read')
  const url = `${appUrl}/api/sandboxes/prod/files/${encodeURIComponent(part.dataSetFileId)}?path=${encodeURIComponent(part.name)}`
  return { url, range: `bytes=${part.size - 65_536}-${part.size - 1}`, part }
}

function report(name: string, load: LoadSummary, extra = ''): void {
  const line =
    `${load.requests} requests, ${load.requestsPerS.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ` +
    `${load.non2xx} non-2xx, ${load.errors} errors${extra}`
  test.info().annotations.push({ type: name, description: line })
  console.info(`[load] ${name}: ${line}`)
}

test('the instance listing and a Range read hold up at 10 connections for 5 s: no errors, memory reported', async () => {
  test.setTimeout(60_000)
  const pid = pidListeningOn(appPort)
  const before = rssBytes(pid)
  const headers = { cookie: aliceCookie() }

  const listing = await runLoad({ url: `${appUrl}/api/sandboxes/prod/instances`, headers, connections: 10, durationS: 5 })
  report('listing', listing)
  expect(listing.requests).toBeGreaterThan(0)
  expect([listing.errors, listing.timeouts, listing.non2xx]).toEqual([0, 0, 0])

  const { url, range } = await footerRead()
  const ranged = await runLoad({ url, headers: { ...headers, range }, connections: 10, durationS: 5 })
  report('range 64 KiB', ranged)
  expect(ranged.requests).toBeGreaterThan(0)
  expect([ranged.errors, ranged.timeouts, ranged.non2xx]).toEqual([0, 0, 0])
  expect(ranged.statusCounts).toEqual({ 206: ranged.requests })

  const after = rssBytes(pid)
  const growth = `RSS ${mb(before).toFixed(0)} MB → ${mb(after).toFixed(0)} MB`
  test.info().annotations.push({ type: 'app memory', description: growth })
  console.info(`[load] app ${growth}`)
  // A loose guard, not a target (`npm run bench` measures memory against design.md's < 64 MB): an insights job
  // started by an earlier test may still be reading two runs' score columns in this process, so the bound allows
  // for it; buffering whole 20 MB files per request under this load would still show up as gigabytes.
  expect(mb(after - before)).toBeLessThan(512)
})

test('with 5 % of Adobe\'s answers failing (503), Range reads succeed (≥ 99.9 %) and Adobe sees ≤ 1.1 calls each', async () => {
  test.setTimeout(60_000)
  const { url, range, part } = await footerRead()
  const upstream = `/data/foundation/export/files/${part.dataSetFileId}?path=`
  const counting = await simulator.startCounting()
  await simulator.setFaults([{ match: upstream, kind: 'status', status: 503, rate: 0.05 }])

  // A fixed number of requests, so the bound below means the same on every run.
  const load = await runLoad({ url, headers: { cookie: aliceCookie(), range }, connections: 10, amount: 2_000 })
  const { calls } = await counting.count(upstream)
  const perRequest = calls / load.requests
  report('range with 5 % 503', load, `, success ${(load.successRatio * 100).toFixed(2)} %, ${perRequest.toFixed(3)} upstream calls per request`)

  expect(load.requests).toBe(2_000)
  // ≥ 99.9 %, judged as a test can over 2,000 requests: fail when the failures show (98 % confidence) that success
  // is below 99.9 %, i.e. more than 5. The 30-second form in `npm run bench` reports the point figure.
  const allowed = maxFailuresConsistentWith(load.requests, 0.999)
  expect(allowed).toBe(5)
  expect(load.requests - load.ok).toBeLessThanOrEqual(allowed)
  expect(perRequest).toBeLessThanOrEqual(1.1)
  // Some answers really were 503, or this proved nothing.
  expect(perRequest).toBeGreaterThan(1)
})
