// Downloads stream (design.md, "Numbers we hold ourselves to"): throughput through the app is at least 60 % of
// reading the simulator directly, and the app's memory stays flat (< 64 MB of growth) while four downloads run
// at once through a gigabyte of a run's files.
import { below, figure, median, ratioAtLeast } from '../lib/measure'
import { mb, pidListeningOn, sampleRss } from '../lib/process-memory'
import { adobeFilePath, filePath, latestRuns, type Part, type RunFiles } from '../lib/runs'
import { drain, mibPerS } from '../lib/stream-read'
import type { BenchContext, Measurement, Suite } from '../types'

const rounds = 7
const concurrentDownloads = 4
const volumeBytes = 1024 ** 3

function largestPart(runs: RunFiles[]): { sandbox: string; part: Part } {
  const all = runs.flatMap((run) => run.parts.map((part) => ({ sandbox: run.sandbox, part })))
  const biggest = all.sort((a, b) => b.part.size - a.part.size)[0]
  if (!biggest) throw new Error('no part files to download')
  return biggest
}

/** Same file, same client, alternating app and direct so drift in the machine hits both alike. */
async function throughput(context: BenchContext, sandbox: string, part: Part): Promise<Measurement[]> {
  const app = { url: `${context.appUrl}${filePath(sandbox, part)}`, headers: context.session }
  const direct = { url: `${context.simulatorUrl}${adobeFilePath(part)}`, headers: await context.adobeHeaders(sandbox) }
  await drain(app.url, app.headers)
  await drain(direct.url, direct.headers)
  const viaApp: number[] = []
  const viaDirect: number[] = []
  const paired: number[] = []
  for (let round = 0; round < rounds; round++) {
    const fromApp = await drain(app.url, app.headers)
    const fromDirect = await drain(direct.url, direct.headers)
    if (fromApp.bytes !== part.size || fromDirect.bytes !== part.size) throw new Error(`short read: ${fromApp.bytes}/${fromDirect.bytes} of ${part.size}`)
    viaApp.push(mibPerS(fromApp))
    viaDirect.push(mibPerS(fromDirect))
    paired.push(mibPerS(fromApp) / mibPerS(fromDirect))
  }
  context.log(
    `whole-file download of ${(part.size / 1024 ** 2).toFixed(1)} MiB: app ${median(viaApp).toFixed(0)} MiB/s, direct ${median(viaDirect).toFixed(0)} MiB/s, ` +
      `paired ratios ${paired.map((ratio) => ratio.toFixed(2)).join(' ')}`,
  )
  // The ratio is the median of back-to-back pairs: on a shared machine, load comes and goes between rounds.
  return [
    ratioAtLeast(`whole-file download, ${(part.size / 1024 ** 2).toFixed(0)} MiB (median of ${rounds} pairs)`, median(viaApp), median(viaDirect), 'MiB/s', 0.6, median(paired)),
  ]
}

/** Four workers pull the run's files (repeated up to a gigabyte) while the app's RSS is sampled. */
async function memoryUnderDownloads(context: BenchContext, run: RunFiles): Promise<Measurement[]> {
  const repeats = Math.max(1, Math.ceil(volumeBytes / run.totalSize))
  const queue = Array.from({ length: repeats }, () => run.parts).flat()
  const pid = pidListeningOn(context.appPort)
  const sampler = sampleRss(pid)
  const started = performance.now()
  let bytes = 0
  await Promise.all(
    Array.from({ length: concurrentDownloads }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const transfer = await drain(`${context.appUrl}${filePath(run.sandbox, part)}&download=1`, context.session)
        if (transfer.bytes !== part.size) throw new Error(`short download of ${part.name}: ${transfer.bytes} of ${part.size}`)
        bytes += transfer.bytes
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const rss = sampler.stop()
  context.log(`${concurrentDownloads} concurrent downloads, ${(bytes / 1024 ** 3).toFixed(2)} GiB: RSS ${mb(rss.before).toFixed(0)} → peak ${mb(rss.peak).toFixed(0)} MB`)
  return [
    below(`app RSS growth, ${concurrentDownloads} concurrent downloads of ${run.instance}'s run ×${repeats}`, mb(rss.peak - rss.before), 'MB', 64),
    figure('app RSS before those downloads', mb(rss.before), 'MB'),
    figure(`aggregate throughput of those downloads (${(bytes / 1024 ** 3).toFixed(2)} GiB)`, bytes / 1024 ** 2 / seconds, 'MiB/s'),
  ]
}

const suite: Suite = {
  name: 'download',
  description: 'whole-file download through the app vs the simulator directly; app memory under 4 concurrent downloads',
  async run(context) {
    const runs = await latestRuns(context)
    const { sandbox, part } = largestPart(runs)
    const biggestRun = [...runs].sort((a, b) => b.totalSize - a.totalSize)[0]
    if (!biggestRun) throw new Error('no successful runs')
    return [...(await throughput(context, sandbox, part)), ...(await memoryUnderDownloads(context, biggestRun))]
  },
}

export default suite
