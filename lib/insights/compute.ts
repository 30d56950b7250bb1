// A run's insights from its part files (and its predecessor's, for the comparison). The core is I/O-agnostic: it
// takes parts with an AsyncBuffer factory, so the app reads through lib/aep and the tests and the bench read local
// files with the very same code. The order puts the top list first, because it is what people look at first:
//   1. footers of every part of both runs (what the rest will read is known from them: the progress total);
//   2. the top N: score pages best-first by their statistics, then only the pages holding the winners' rows (on
//      shuffled Spark output a thousand winners touch most pages of the wide leaves: the costliest read here), the
//      first 100 first;
//   3. each part's score leaf whole (histogram, buckets), factor leaves (factors by bucket), identity leaves;
//   4. the previous run's score and identity leaves, and the join of the two.
// Parts are read at most `concurrency` at a time; steps 3 and 4 scan them with `scanPart` (in the app, in worker
// threads: scan-workers.ts).
import { IdentityCells, migrate } from './migration'
import { ByteCounter, openPart, type OpenedPart, type PartSource } from './parts'
import { plannedScanBytes, scanPart, type PartScanTargets } from './part-scan'
import { mapLimited, forEachLimited } from './pool'
import { propensityOf } from './propensity'
import { DEFAULT_TOP_N, INSIGHTS_VERSION, MAX_TOP_N, type InsightsProgress, type InsightsResult, type TopRow } from './schema'
import { FactorTally, ScoreTally } from './tally'
import { readTopRows } from './top-rows'
import type { Candidate } from './top-heap'
import { topScores } from './top-scan'

export interface RunParts {
  batchId: string
  created: number
  parts: PartSource[]
}

export interface ComputeInput {
  run: RunParts
  previous?: RunParts
  /** Shown when there is no previous run to compare with. */
  comparisonNote?: string
  topN?: number
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (progress: InsightsProgress) => void
  /** The top list as soon as it is known, long before the rest. */
  onTop?: (top: TopRow[]) => void
  /** How a part is scanned whole (steps 3 and 4): here by default, or in a worker thread (scan-workers.ts). */
  scanPart?: (part: OpenedPart, targets: PartScanTargets, signal?: AbortSignal) => Promise<void>
  now?: () => number
}

/** Score caches of every part are kept between steps 2 and 3 (saving a second read) up to this many bytes. */
const RETAIN_SCORE_BYTES = 64 * 1024 * 1024

const winnerKey = (winner: Candidate) => `${winner.file}:${winner.row}`

/** The rows of `winners`, reusing those already read for `readWinners`, reading the others, ranked afresh. */
async function withRowsRead(
  winners: readonly Candidate[],
  readWinners: readonly Candidate[],
  readRows: readonly TopRow[],
  read: (winners: Candidate[]) => Promise<TopRow[]>,
): Promise<TopRow[]> {
  const known = new Map(readWinners.map((winner, i) => [winnerKey(winner), readRows[i]]))
  const missing = winners.filter((winner) => !known.has(winnerKey(winner)))
  const missingRows = await read(missing)
  missing.forEach((winner, i) => known.set(winnerKey(winner), missingRows[i]))
  return winners.map((winner, i) => {
    const row = known.get(winnerKey(winner))
    if (!row) throw new Error(`the row of winner ${winnerKey(winner)} was not read`)
    return { ...row, rank: i + 1 }
  })
}

export async function computeInsights(input: ComputeInput): Promise<InsightsResult> {
  const now = input.now ?? Date.now
  const started = now()
  const concurrency = input.concurrency ?? 2
  const { signal } = input
  const scan = input.scanPart ?? scanPart
  const previousParts = input.previous?.parts ?? []
  const progress: InsightsProgress = {
    phase: 'footers',
    filesDone: 0,
    filesTotal: input.run.parts.length + previousParts.length,
    bytesRead: 0,
    bytesTotal: 0,
  }
  const counter = new ByteCounter(() => report())
  function report(phase?: InsightsProgress['phase']): void {
    if (phase) progress.phase = phase
    progress.bytesRead = counter.total
    input.onProgress?.({ ...progress, bytesTotal: Math.max(progress.bytesTotal, progress.bytesRead) })
  }

  async function scanAll(parts: OpenedPart[], scanOne: (part: OpenedPart) => Promise<void>): Promise<void> {
    await forEachLimited(
      parts,
      concurrency,
      async (part) => {
        await scanOne(part)
        // This part's bytes are no longer needed: a run of a hundred 16 MB parts must not pile up in memory.
        part.cache.clear()
        progress.filesDone += 1
        report()
      },
      signal,
    )
  }

  // 1. Footers.
  report('footers')
  const current = await mapLimited(input.run.parts, concurrency, (source, i) => openPart(source, i, counter), signal)
  const previous = await mapLimited(previousParts, concurrency, (source, i) => openPart(source, i, counter), signal)
  const comparing = previous.length > 0
  progress.bytesTotal =
    counter.total +
    current.reduce((sum, part) => sum + plannedScanBytes(part, { factors: true, identities: comparing }), 0) +
    previous.reduce((sum, part) => sum + plannedScanBytes(part, { factors: false, identities: true }), 0)

  // 2. Top N. The first screenful (the default 100) is found and read first: its scan stops at far fewer score
  // pages than a thousand winners need (on a seed-scale run 19 MB read instead of 150), and the rows of the other
  // 900 take several times as long to read (a winner each in pages of their own). Then the full N, whose first
  // rows are those already read.
  report('top')
  const topN = input.topN ?? MAX_TOP_N
  const screenfulScan = await topScores(current, Math.min(DEFAULT_TOP_N, topN), { concurrency, signal })
  const screenful = await readTopRows(current, screenfulScan.winners, { concurrency, signal })
  let topScan = screenfulScan
  let top = screenful
  if (topN > DEFAULT_TOP_N) {
    input.onTop?.(screenful)
    topScan = await topScores(current, topN, { concurrency, signal })
    top = await withRowsRead(topScan.winners, screenfulScan.winners, screenful, (winners) => readTopRows(current, winners, { concurrency, signal }))
  }
  input.onTop?.(top)
  const scoreBytes = current.reduce((sum, part) => sum + (part.file.leaves.find((l) => l.name === part.fields.score.join('.'))?.compressedSize ?? 0), 0)
  if (scoreBytes > RETAIN_SCORE_BYTES) for (const part of current) part.cache.clear()

  // 3. This run's distribution, factors and identities.
  report('scores')
  const scores = new ScoreTally()
  const factors = new FactorTally()
  const rowsOf = (parts: OpenedPart[]) => parts.reduce((sum, part) => sum + part.file.numRows, 0)
  const identities = comparing ? new IdentityCells(rowsOf(current)) : undefined
  await scanAll(current, (part) => scan(part, { scores, factors, identities }, signal))

  // 4. The previous run, and the join.
  let comparison: InsightsResult['comparison']
  if (input.previous && identities) {
    report('previous')
    const previousScores = new ScoreTally()
    const previousIdentities = new IdentityCells(rowsOf(previous))
    await scanAll(previous, (part) => scan(part, { scores: previousScores, identities: previousIdentities }, signal))
    comparison = {
      previousBatchId: input.previous.batchId,
      previousCreated: input.previous.created,
      previous: previousScores.summary(),
      ...migrate(previousIdentities.sorted(), identities.sorted()),
      withoutIdentity: [identities.withoutIdentity, previousIdentities.withoutIdentity],
    }
  }

  report('saving')
  const first = current[0]
  return {
    version: INSIGHTS_VERSION,
    batchId: input.run.batchId,
    computedAt: now(),
    propensityType: propensityOf(top),
    scoreField: first ? first.fields.score.join('.') : '',
    topAvailable: top.length,
    top,
    scores: scores.summary(),
    factors: factors.summary(),
    comparison,
    comparisonNote: comparison ? undefined : input.comparisonNote,
    reading: {
      files: current.length + previous.length,
      bytesInFiles: [...input.run.parts, ...previousParts].reduce((sum, part) => sum + part.size, 0),
      bytesRead: counter.total,
      topPagesRead: topScan.pagesRead,
      topPagesSkipped: topScan.pagesSkipped,
      durationMs: now() - started,
    },
  }
}
