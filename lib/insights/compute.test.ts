// The insights of the simulator's latest Churn Prediction and Purchase Conversion runs against DuckDB over the same
// local files: the top 100, the histogram, the buckets (default and adjusted cut-offs), factors by bucket, the mean
// and median, and the migration from the previous run joined on ECID. Parts are scanned in worker threads, as the
// app scans them (scan-workers.test.ts holds the scan on the main thread to the same results).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openReference, sqlString, type Reference } from '@/lib/parquet/testing/duckdb'
import { bucketCounts, bucketOfCell, histogram } from '@/lib/scores/cells'
import { computeInsights } from './compute'
import { scanWorkerPool } from './scan-workers'
import type { InsightsResult, TopRow } from './schema'
import { simulatorInstanceRuns, type InstanceRuns } from './testing/simulator-runs'
import { bucketSql, cellSql, scoreSources } from './testing/reference-sql'

let reference: Reference
const workers = scanWorkerPool()
const subjects = new Map<string, { runs: InstanceRuns; result: InsightsResult; shownFirst: TopRow[][] }>()

beforeAll(async () => {
  reference = await openReference()
  for (const name of ['Churn Prediction', 'Purchase Conversion']) {
    const runs = await simulatorInstanceRuns(name)
    const shownFirst: TopRow[][] = []
    const result = await computeInsights({ run: runs.latest, previous: runs.previous, scanPart: workers.scan, onTop: (top) => shownFirst.push(top) })
    subjects.set(name, { runs, result, shownFirst })
  }
}, 300_000)

afterAll(async () => {
  await Promise.all([...subjects.values()].map(({ runs }) => runs.close()))
  reference.close()
  await workers.close()
})

describe.each([
  ['Churn Prediction', 'churn'],
  ['Purchase Conversion', 'conversion'],
] as const)('insights of the latest %s run', (name, propensity) => {
  const get = () => {
    const subject = subjects.get(name)
    if (!subject) throw new Error('not computed')
    const { latest, previous } = scoreSources(subject.runs)
    return { ...subject, latest, previous }
  }
  const query = (sql: string) => reference.query(sql)

  it('says which propensity the rows carry', () => {
    expect(get().result.propensityType).toBe(propensity)
  })

  it('ranks the same top 1,000 as DuckDB, with their files and rows (ties to the earlier file and row)', async () => {
    const { result, latest } = get()
    const expected = await query(
      `SELECT ecid, score, filename, file_row_number FROM ${latest} ORDER BY score DESC, filename, file_row_number LIMIT 1000`,
    )
    const shown = result.top
    expect(shown.map((row) => [row.identity, row.score])).toEqual(expected.map((row) => [row.ecid, row.score]))
    expect(shown.map((row) => [row.fileName, row.rowIndex])).toEqual(
      expected.map((row) => [String(row.filename).split('/').pop(), Number(row.file_row_number)]),
    )
    expect(result.topAvailable).toBe(1000)
    expect(result.top.map((row) => row.rank)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
    expect(result.top.every((row) => row.factors.length > 0 && row.probability !== undefined)).toBe(true)
  })

  it('shows the first 100 before the other 900 are read, then the 1,000', () => {
    const { result, shownFirst } = get()
    expect(shownFirst.map((top) => top.length)).toEqual([100, 1000])
    expect(shownFirst[0]).toEqual(result.top.slice(0, 100))
    expect(shownFirst[1]).toEqual(result.top)
  })

  it('counts the histogram in bins of 5 exactly as DuckDB does', async () => {
    const { result, latest } = get()
    const rows = await query(`SELECT least(floor(score / 5), 19)::INTEGER AS bin, count(*)::INTEGER AS n FROM ${latest} WHERE score IS NOT NULL GROUP BY bin`)
    const expected = Array.from({ length: 20 }, (_, bin) => Number(rows.find((row) => row.bin === bin)?.n ?? 0))
    expect(histogram(result.scores.cells).map((bin) => bin.count)).toEqual(expected)
  })

  it.each([
    [25, 74],
    [10, 89],
    [50, 50],
    [0, 100],
  ])('counts low below %i and high above %i exactly as DuckDB does', async (lowBelow, highAbove) => {
    const { result, latest } = get()
    const [row] = await query(
      `SELECT count(*) FILTER (score < ${lowBelow})::INTEGER AS low, count(*) FILTER (score >= ${lowBelow} AND score <= ${highAbove})::INTEGER AS medium, ` +
        `count(*) FILTER (score > ${highAbove})::INTEGER AS high FROM ${latest}`,
    )
    expect(bucketCounts(result.scores.cells, { lowBelow, highAbove })).toEqual({ low: row?.low, medium: row?.medium, high: row?.high })
  })

  it('has DuckDB\'s count, mean and (within 0.01) median', async () => {
    const { result, latest } = get()
    const [row] = await query(`SELECT count(score)::INTEGER AS n, avg(score) AS mean, median(score) AS median, min(score) AS lo, max(score) AS hi FROM ${latest}`)
    expect(result.scores.count).toBe(row?.n)
    expect(result.scores.mean).toBeCloseTo(Number(row?.mean), 9)
    expect(Math.abs((result.scores.median ?? Number.NaN) - Number(row?.median))).toBeLessThan(0.01)
    expect([result.scores.min, result.scores.max]).toEqual([row?.lo, row?.hi])
  })

  it('counts influential factors by score cell exactly as DuckDB does', async () => {
    const { result, runs } = get()
    const expected = await query(
      `SELECT f.code AS code, f.importance AS importance, ${cellSql('score')} AS cell, count(*)::INTEGER AS n FROM (` +
        `SELECT _acmeinc.CustomerAI.${runs.instanceKey}.score AS score, unnest(_acmeinc.CustomerAI.${runs.instanceKey}.influentialFactors) AS f ` +
        `FROM read_parquet([${runs.latest.paths.map(sqlString).join(', ')}])) WHERE score IS NOT NULL GROUP BY ALL ORDER BY ALL`,
    )
    const ours = result.factors.flatMap((factor) =>
      Object.entries(factor.cells).map(([cell, n]) => ({ code: factor.code, importance: factor.importance, cell: Number(cell), n })),
    )
    const order = (a: { code: string; importance: string; cell: number }, b: typeof a) =>
      a.code.localeCompare(b.code) || a.importance.localeCompare(b.importance) || a.cell - b.cell
    expect(ours.sort(order)).toEqual(expected.map((row) => ({ code: String(row.code), importance: String(row.importance), cell: Number(row.cell), n: Number(row.n) })).sort(order))
  })

  it('moves profiles between buckets as a DuckDB join on ECID does', async () => {
    const { result, latest, previous } = get()
    const comparison = result.comparison
    if (!comparison) throw new Error('no comparison')
    const joined = `FROM ${previous} p JOIN ${latest} c ON p.ecid = c.ecid WHERE p.score IS NOT NULL AND c.score IS NOT NULL`
    const pairs = await query(`SELECT ${cellSql('p.score')} AS a, ${cellSql('c.score')} AS b, count(*)::INTEGER AS n ${joined} GROUP BY ALL ORDER BY ALL`)
    expect(comparison.pairs).toEqual(pairs.map((row) => [row.a, row.b, row.n]))
    const buckets = await query(`SELECT ${bucketSql('p.score')} AS a, ${bucketSql('c.score')} AS b, count(*)::INTEGER AS n ${joined} GROUP BY ALL`)
    const ourMatrix = new Map<string, number>()
    for (const [a, b, n] of comparison.pairs) {
      const key = `${bucketOfCell(a)}>${bucketOfCell(b)}`
      ourMatrix.set(key, (ourMatrix.get(key) ?? 0) + n)
    }
    expect(Object.fromEntries([...ourMatrix].sort())).toEqual(Object.fromEntries(buckets.map((row) => [`${row.a}>${row.b}`, row.n]).sort()))
    const [counts] = await query(
      `SELECT (SELECT count(*) FROM ${latest} c WHERE c.score IS NOT NULL AND c.ecid NOT IN (SELECT ecid FROM ${previous} WHERE ecid IS NOT NULL))::INTEGER AS added, ` +
        `(SELECT count(*) FROM ${previous} p WHERE p.score IS NOT NULL AND p.ecid NOT IN (SELECT ecid FROM ${latest} WHERE ecid IS NOT NULL))::INTEGER AS dropped`,
    )
    const sum = (cells: Record<string, number>) => Object.values(cells).reduce((a, b) => a + b, 0)
    expect([sum(comparison.added), sum(comparison.dropped)]).toEqual([counts?.added, counts?.dropped])
    expect(comparison.matched).toBe(pairs.reduce((total, row) => total + Number(row.n), 0))
    expect(comparison.previous.count).toBeGreaterThan(0)
  })
})
