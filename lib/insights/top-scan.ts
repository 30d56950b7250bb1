// The N best scores across every part of a run, reading as little of the score leaf as the files allow. Every page
// of every part is listed with its largest score (the column index's max; the chunk's footer statistics when a page
// has none), and pages are read best-first: once the heap holds N scores, a page whose max is below the Nth best
// cannot hold a winner, and neither can any page after it in that order, so the scan stops. Reading the leaf whole
// is the fallback when no statistics exist; on Spark-sorted output most pages are skipped, on shuffled output few.
import { numbersPerRow } from '@/lib/preview/per-row'
import type { ChunkInfo, PageInfo } from '@/lib/parquet/types'
import type { OpenedPart } from './parts'
import { forEachLimited } from './pool'
import { TopHeap, type Candidate } from './top-heap'

interface PageTask {
  part: OpenedPart
  rowStart: number
  rowEnd: number
  /** Largest score the page may hold; Infinity when nothing says. */
  max: number
}

export interface TopScan {
  winners: Candidate[]
  pagesRead: number
  pagesSkipped: number
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number' && !Number.isNaN(value)) return value
  if (typeof value === 'bigint') return Number(value)
  return undefined
}

function chunkMax(chunks: readonly ChunkInfo[], page: PageInfo): number | undefined {
  const stats = chunks.find((chunk) => chunk.rowGroup === page.rowGroup)?.statistics
  return numeric(stats?.max_value ?? stats?.max)
}

async function pageTasks(part: OpenedPart): Promise<PageTask[]> {
  const leaf = part.file.leaves.find((l) => l.name === part.fields.score.join('.'))
  const pages = await part.file.pages(part.fields.score)
  return pages
    .filter((page) => page.rowCount > 0 && !page.allNull)
    .map((page) => ({
      part,
      rowStart: page.firstRow,
      rowEnd: page.firstRow + page.rowCount,
      max: numeric(page.max) ?? chunkMax(leaf?.chunks ?? [], page) ?? Infinity,
    }))
}

export async function topScores(
  parts: readonly OpenedPart[],
  n: number,
  options: { concurrency: number; signal?: AbortSignal },
): Promise<TopScan> {
  const listed = await Promise.all(parts.map(pageTasks))
  const tasks = listed.flat().sort((a, b) => b.max - a.max)
  const heap = new TopHeap(n)
  let pagesRead = 0
  let stopped = false
  await forEachLimited(
    tasks,
    options.concurrency,
    async (task) => {
      // Pages come best-first: the first that cannot hold a winner means no later one can.
      if (stopped || !heap.mayHold(task.max)) {
        stopped = true
        return
      }
      pagesRead += 1
      const slice = await task.part.file.readLeaf(task.part.fields.score, task.rowStart, task.rowEnd, options.signal)
      const scores = numbersPerRow(slice)
      // Most scores lose to the Nth best: compare with it held in a local, and ask the heap only about the rest.
      let threshold = heap.threshold
      for (let i = 0; i < scores.length; i++) {
        const score = scores[i] as number
        // NaN (a missing score) never wins, as SQL's NULLS LAST would have it; NaN < threshold is false, hence the
        // explicit check.
        if (score < threshold || score !== score) continue
        heap.offer({ score, file: task.part.index, row: task.rowStart + i })
        threshold = heap.threshold
      }
    },
    options.signal,
  )
  return { winners: heap.sorted(), pagesRead, pagesSkipped: tasks.length - pagesRead }
}
