// The real demo world, generated once into .data/simulator (the simulator server's own cache) and reused by later
// runs. Checked with an independent reader (DuckDB) and with hyparquet's page indexes.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchRecord, PartFileRecord, World } from '../model'
import { loadOrGenerateWorld } from './index'
import { openDuck, pageIndexes, sqlFiles, worldSchema, type Duck } from './test-support'

const DATA_DIR = fileURLToPath(new URL('../../.data/simulator', import.meta.url))
let world: World
let duck: Duck

const runsOf = (name: string): BatchRecord[] => {
  const dataset = world.datasets.find((d) => d.name === `Customer AI Scores - ${name}`)
  return world.batches.filter((b) => b.datasetId === dataset?.id).sort((a, b) => a.created - b.created)
}
const successes = (name: string): BatchRecord[] => runsOf(name).filter((b) => b.status === 'success')
const partsOf = (batch: BatchRecord | undefined): PartFileRecord[] => batch?.files.flatMap((g) => g.parts) ?? []
const pathOf = (part: PartFileRecord): string => join(DATA_DIR, part.relPath)
const filesOf = (batch: BatchRecord | undefined): string => sqlFiles(partsOf(batch).map(pathOf))
const ECID = `list_filter(map_entries(identityMap), e -> e.key = 'ECID')[1].value[1].id`

/** The churn run with the 300,000-row file, and its predecessor. */
const latestChurn = (): BatchRecord | undefined => successes('Churn Prediction').at(-1)
const bigPart = (): PartFileRecord => {
  const part = partsOf(latestChurn()).find((p) => p.records >= 300_000)
  if (!part) throw new Error('no part of 300,000 rows')
  return part
}

beforeAll(async () => {
  world = await loadOrGenerateWorld({ dataDir: DATA_DIR, log: (msg) => console.info(msg) })
  duck = await openDuck()
}, 600_000)

afterAll(() => duck.close())

describe('the demo world', () => {
  it('is a valid World with the runs the brief asks for', () => {
    expect(() => worldSchema.parse(world)).not.toThrow()
    expect(world.cacheKey).toMatch(/:score-explorer:demo$/)
    expect(runsOf('Churn Prediction').length).toBeGreaterThanOrEqual(7)
    expect(runsOf('Churn Prediction').at(-1)?.status).toBe('processing')
    expect(partsOf(latestChurn()).some((p) => p.records >= 300_000)).toBe(true)
    expect(bigPart().length).toBeGreaterThan(14_000_000)
    for (const batch of successes('Purchase Conversion')) {
      const parts = partsOf(batch)
      expect(parts.length).toBeGreaterThanOrEqual(3)
      expect(parts.length).toBeLessThanOrEqual(4)
      for (const part of parts) expect(part.records).toBeGreaterThanOrEqual(10_000)
      for (const part of parts) expect(part.records).toBeLessThanOrEqual(30_000)
    }
    const pilot = successes('Churn Pilot').at(-1)
    expect(pilot?.files).toHaveLength(1)
    expect(partsOf(pilot)).toHaveLength(120)
    for (const part of partsOf(pilot)) expect(part.records).toBeGreaterThan(200)
  })

  it('loads from its cache in milliseconds', async () => {
    const started = performance.now()
    const again = await loadOrGenerateWorld({ dataDir: DATA_DIR })
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(again).toEqual(world)
  })
})

describe('every part file, read by DuckDB', () => {
  const allParts = (): PartFileRecord[] => world.batches.flatMap(partsOf)

  it('holds the number of rows the manifest says, in one row group, snappy everywhere', async () => {
    const parts = allParts()
    const files = sqlFiles(parts.map(pathOf))
    const perFile = await duck.rows(`
      SELECT file_name AS file, num_rows::BIGINT AS n, num_row_groups::INTEGER AS groups, created_by
      FROM parquet_file_metadata(${files})`)
    const byFile = new Map(perFile.map((r) => [String(r.file), r]))
    for (const part of parts) {
      expect(Number(byFile.get(pathOf(part))?.n), part.relPath).toBe(part.records)
      expect(byFile.get(pathOf(part))?.groups, part.relPath).toBe(1)
    }
    const [codecs] = await duck.rows(`SELECT list(DISTINCT compression) AS codecs FROM parquet_metadata(${files})`)
    expect(codecs?.codecs).toEqual(['SNAPPY'])
    // And by an actual scan, not only the footers.
    const [scan] = await duck.rows(`SELECT count(*)::BIGINT AS n FROM read_parquet(${filesOf(latestChurn())})`)
    expect(Number(scan?.n)).toBe(partsOf(latestChurn()).reduce((sum, p) => sum + p.records, 0))
  })

  it('has the nested Customer AI schema', async () => {
    const columns = await duck.rows(`DESCRIBE SELECT * FROM read_parquet('${pathOf(bigPart())}')`)
    const types = Object.fromEntries(columns.map((c) => [String(c.column_name), String(c.column_type)]))
    expect(types.identityMap).toBe('MAP(VARCHAR, STRUCT(id VARCHAR, authenticatedState VARCHAR, "primary" BOOLEAN)[])')
    expect(types._acmeinc).toBe(
      'STRUCT(CustomerAI STRUCT(churnPrediction STRUCT(score DOUBLE, probability DOUBLE, percentileScore INTEGER, ' +
        'propensityType VARCHAR, scoreDate TIMESTAMP WITH TIME ZONE, influentialFactors STRUCT(code VARCHAR, ' +
        '"value" VARCHAR, importance VARCHAR)[], modelId VARCHAR)))',
    )
    expect(types._acp_system_metadata).toBe(
      'STRUCT(acp_sourceBatchId VARCHAR, commitBatchId VARCHAR, trackingId VARCHAR, rowId VARCHAR, rowVersion BIGINT, ingestTime BIGINT, isDeleted BOOLEAN)',
    )
    const conversion = await duck.rows(`DESCRIBE SELECT * FROM read_parquet('${pathOf(partsOf(successes('Purchase Conversion')[0])[0] as PartFileRecord)}')`)
    expect(String(conversion[1]?.column_type)).toContain('STRUCT(CustomerAI STRUCT(purchaseConversion STRUCT(score DOUBLE')
  })

  it('holds plausible scores in every instance', async () => {
    for (const [name, key, type] of [
      ['Churn Prediction', 'churnPrediction', 'churn'],
      ['Purchase Conversion', 'purchaseConversion', 'conversion'],
      ['Loyalty Churn Risk', 'loyaltyChurnRisk', 'churn'],
      ['Churn Pilot', 'churnPilot', 'churn'],
    ] as const) {
      const s = `_acmeinc.CustomerAI.${key}`
      const [stats] = await duck.rows(`
        SELECT min(${s}.score) AS min_score, max(${s}.score) AS max_score, median(${s}.score) AS median_score,
               min(${s}.probability) AS min_p, max(${s}.probability) AS max_p,
               min(${s}.percentileScore) AS min_pct, max(${s}.percentileScore) AS max_pct,
               min(len(${s}.influentialFactors))::INTEGER AS min_factors, max(len(${s}.influentialFactors))::INTEGER AS max_factors,
               count(*) FILTER (WHERE NOT regexp_full_match(${ECID}, '[0-9]{38}'))::INTEGER AS bad_ecids,
               count(*) FILTER (WHERE ${s}.propensityType <> '${type}')::INTEGER AS bad_types,
               count(*) FILTER (WHERE list_filter(${s}.influentialFactors, f -> f.importance NOT IN ('low', 'medium', 'high')) <> [])::INTEGER AS bad_importance,
               count(DISTINCT ${s}.scoreDate)::INTEGER AS score_dates
        FROM read_parquet(${filesOf(successes(name).at(-1))})`)
      expect(Number(stats?.min_score)).toBeGreaterThanOrEqual(0)
      expect(Number(stats?.max_score)).toBeLessThanOrEqual(100)
      // Propensities are skewed: most profiles low, a tail of high ones.
      expect(Number(stats?.median_score)).toBeLessThan(30)
      expect(Number(stats?.max_score)).toBeGreaterThan(90)
      expect(Number(stats?.min_p)).toBeGreaterThanOrEqual(0)
      expect(Number(stats?.max_p)).toBeLessThanOrEqual(1)
      expect(stats).toMatchObject({ min_pct: 1, max_pct: 100, min_factors: 2, max_factors: 5, bad_ecids: 0, bad_types: 0, bad_importance: 0, score_dates: 1 })
    }
  })

  it('gives each profile the real percentile of its score within the run, and a probability that follows the score', async () => {
    const [check] = await duck.rows(`
      WITH s AS (SELECT _acmeinc.CustomerAI.churnPrediction AS c FROM read_parquet(${filesOf(latestChurn())})),
      r AS (SELECT c.percentileScore AS pct, c.score AS score, c.probability AS p,
                   ceil(100.0 * rank() OVER (ORDER BY c.score) / count(*) OVER ())::INTEGER AS expected,
                   lag(c.probability) OVER (ORDER BY c.score) AS previous_p
            FROM s)
      SELECT count(*) FILTER (WHERE pct <> expected)::INTEGER AS wrong_percentiles,
             count(*) FILTER (WHERE p < previous_p)::INTEGER AS non_monotone
      FROM r`)
    expect(check).toEqual({ wrong_percentiles: 0, non_monotone: 0 })
  })

  it('scores mostly the same profiles in consecutive runs, with drifted scores, new and dropped profiles', async () => {
    const [previous, latest] = successes('Churn Prediction').slice(-2)
    const [overlap] = await duck.rows(`
      WITH a AS (SELECT ${ECID} AS ecid, _acmeinc.CustomerAI.churnPrediction.score AS score FROM read_parquet(${filesOf(previous)})),
           b AS (SELECT ${ECID} AS ecid, _acmeinc.CustomerAI.churnPrediction.score AS score FROM read_parquet(${filesOf(latest)}))
      SELECT (SELECT count(*) FROM a)::INTEGER AS before, (SELECT count(*) FROM b)::INTEGER AS after,
             count(*)::INTEGER AS both_runs, corr(a.score, b.score) AS correlation, avg(abs(a.score - b.score)) AS drift
      FROM a JOIN b USING (ecid)`)
    const before = Number(overlap?.before)
    const after = Number(overlap?.after)
    const both = Number(overlap?.both_runs)
    expect(both / before).toBeGreaterThan(0.95)
    expect(after - both).toBeGreaterThan(1_000) // new profiles
    expect(before - both).toBeGreaterThan(1_000) // dropped profiles
    expect(Number(overlap?.correlation)).toBeGreaterThan(0.8)
    expect(Number(overlap?.drift)).toBeGreaterThan(0.5)
    // Every pair of consecutive successful runs shares profiles, in every instance.
    for (const name of ['Churn Prediction', 'Purchase Conversion', 'Loyalty Churn Risk', 'Churn Pilot']) {
      const runs = successes(name)
      for (let i = 1; i < runs.length; i++) {
        const [shared] = await duck.rows(`
          SELECT count(*)::INTEGER AS n FROM (SELECT ${ECID} AS ecid FROM read_parquet(${filesOf(runs[i - 1])}))
          JOIN (SELECT ${ECID} AS ecid FROM read_parquet(${filesOf(runs[i])})) USING (ecid)`)
        expect(Number(shared?.n)).toBeGreaterThan(partsOf(runs[i - 1]).reduce((sum, p) => sum + p.records, 0) * 0.9)
      }
    }
  })
})

describe('read by hyparquet', () => {
  it('finds several pages per leaf in the 300,000-row file, with an offset index and a column index', async () => {
    const { rowGroups, createdBy, leaves } = await pageIndexes(pathOf(bigPart()))
    expect(rowGroups).toBe(1)
    expect(createdBy).toMatch(/^parquet-mr version 1\.12\.3/)
    const score = leaves.find((l) => l.path === '_acmeinc.CustomerAI.churnPrediction.score')
    expect(score?.pages).toBeGreaterThanOrEqual(10)
    expect(score?.hasOffsetIndex).toBe(true)
    expect(score?.hasColumnIndex).toBe(true)
    expect(score?.pageMin).toHaveLength(score?.pages ?? 0)
    for (const [i, max] of (score?.pageMax ?? []).entries()) {
      expect(Number(max)).toBeGreaterThanOrEqual(Number(score?.pageMin?.[i]))
    }
    // hyparquet-writer writes page indexes only for chunks of more than one page: every multi-page leaf has both.
    for (const leaf of leaves.filter((l) => l.pages > 1)) {
      expect(leaf, leaf.path).toMatchObject({ hasOffsetIndex: true, hasColumnIndex: true })
    }
    expect(leaves.filter((l) => l.pages > 1).length).toBeGreaterThanOrEqual(leaves.length - 2)
    console.info(`pages per leaf in ${bigPart().records} rows: ${leaves.map((l) => `${l.path.split('.').slice(-2).join('.')}=${l.pages}`).join(', ')}`)
  })

  it('agrees with DuckDB on the first rows', async () => {
    // Assembling nested rows from a 300,000-row single-row-group file takes hyparquet tens of seconds (design.md),
    // so this reads the run's smallest part.
    const small = partsOf(latestChurn()).reduce((a, b) => (b.records < a.records ? b : a))
    const file = await asyncBufferFromFile(pathOf(small))
    const rows = await parquetReadObjects({ file, rowStart: 0, rowEnd: 5 })
    const expected = await duck.rows(`
      SELECT ${ECID} AS ecid, _acmeinc.CustomerAI.churnPrediction.score AS score, _acmeinc.CustomerAI.churnPrediction.percentileScore AS pct
      FROM read_parquet('${pathOf(small)}') LIMIT 5`)
    const actual = rows.map((row) => {
      const tenant = row._acmeinc as { CustomerAI: { churnPrediction: { score: number; percentileScore: number } } }
      const identities = row.identityMap as Record<string, { id: string }[]>
      return {
        ecid: identities.ECID?.[0]?.id,
        score: tenant.CustomerAI.churnPrediction.score,
        pct: tenant.CustomerAI.churnPrediction.percentileScore,
      }
    })
    expect(actual).toEqual(expected)
  })
})
