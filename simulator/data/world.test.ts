// A small world (every population divided by 20) generated into temporary directories: the plan's records,
// determinism, and audience exports. The full demo world is checked in demo.test.ts.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { World } from '../model'
import { loadOrGenerateWorld, writeExportBatch } from './index'
import { parseScoreRule } from './segment-rule'
import { batchIdForm, openDuck, sqlFiles, SPARK_PART_NAME, worldSchema, type Duck } from './test-support'

const SHRINK = 20
let dirs: string[] = []
let dataDir = ''
let world: World
let duck: Duck

const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'sim-data-'))
  dirs.push(dir)
  return dir
}
const instanceBatches = (name: string) => {
  const dataset = world.datasets.find((d) => d.name === `Customer AI Scores - ${name}`)
  if (!dataset) throw new Error(`no dataset for ${name}`)
  return world.batches.filter((b) => b.datasetId === dataset.id).sort((a, b) => a.created - b.created)
}

beforeAll(async () => {
  dataDir = await tempDir()
  world = await loadOrGenerateWorld({ dataDir, shrink: SHRINK })
  duck = await openDuck()
}, 300_000)

afterAll(async () => {
  duck.close()
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  dirs = []
})

describe('the world plan', () => {
  it('matches the model types once read back from JSON', async () => {
    const manifest: unknown = JSON.parse(await readFile(join(dataDir, 'score-explorer-demo-shrink20', 'manifest.json'), 'utf8'))
    expect(() => worldSchema.parse(manifest)).not.toThrow()
    expect(manifest).toEqual(world)
  })

  it('has the organisation, sandboxes and datasets of the brief', () => {
    expect(world.orgId).toBe('0123456789ABCDEF01234567@AdobeOrg')
    expect(world.tenant).toBe('_acmeinc')
    expect(world.sandboxes.map((s) => [s.name, s.title, s.type, s.isDefault])).toEqual([
      ['prod', 'Production', 'production', true],
      ['dev', 'Development', 'development', false],
    ])
    const prodInstances = world.datasets.filter((d) => d.sandbox === 'prod' && d.instance)
    expect(prodInstances.map((d) => d.name)).toEqual([
      'Customer AI Scores - Churn Prediction',
      'Customer AI Scores - Purchase Conversion',
      'Customer AI Scores - Loyalty Churn Risk',
    ])
    expect(world.datasets.some((d) => d.sandbox === 'prod' && !d.instance && d.name === 'Web Events')).toBe(true)
    const churn = prodInstances[0]
    expect(churn?.tags).toEqual({ 'adobe/pqs/table': ['customer_ai_scores_churn_prediction'], unifiedProfile: ['enabled:true'] })
    expect(prodInstances[2]?.profileEnabled).toBe(false)
    expect(prodInstances[2]?.tags.unifiedProfile).toBeUndefined()
  })

  it('gives each instance the run history of the brief', () => {
    expect(instanceBatches('Churn Prediction').map((b) => b.status)).toEqual([
      'success', 'success', 'failure', 'success', 'success', 'success', 'processing',
    ])
    const failure = instanceBatches('Churn Prediction')[2]
    expect(failure?.errors[0]?.code).toBe('405')
    expect(failure?.errors[0]?.description).toMatch(/^NO SCORING DATA/)
    const conversion = instanceBatches('Purchase Conversion')
    expect(conversion.length).toBeGreaterThanOrEqual(6)
    expect(conversion.filter((b) => b.status === 'failure')).toHaveLength(1)
    for (const batch of conversion.filter((b) => b.status === 'success')) {
      expect(batch.files[0]?.parts.length).toBeGreaterThanOrEqual(3)
      expect(batch.files[0]?.parts.length).toBeLessThanOrEqual(4)
    }
    const loyalty = instanceBatches('Loyalty Churn Risk')
    expect(loyalty.length).toBeGreaterThanOrEqual(6)
    expect(loyalty.at(-1)?.status).toBe('failure')
    expect(loyalty.at(-1)?.errors[0]).toMatchObject({ code: '401', description: expect.stringMatching(/^NOT ENOUGH POPULATION/) })
    const pilot = instanceBatches('Churn Pilot')
    expect(pilot[0]?.sandbox).toBe('dev')
    expect(pilot.filter((b) => b.status === 'success').at(-1)?.files[0]?.parts).toHaveLength(120)
  })

  it('spaces runs a period apart, weekly or monthly, all before "now"', () => {
    const weekly = instanceBatches('Churn Prediction').map((b) => b.created)
    const gaps = weekly.slice(1).map((t, i) => t - (weekly[i] ?? 0))
    for (const gap of gaps) expect(Math.abs(gap - 7 * 86_400_000)).toBeLessThan(3_600_000)
    const monthly = instanceBatches('Loyalty Churn Risk').map((b) => b.created)
    expect((monthly[1] ?? 0) - (monthly[0] ?? 0)).toBeGreaterThan(27 * 86_400_000)
    for (const batch of world.batches) expect(batch.updated).toBeLessThan(Date.UTC(2026, 11, 4))
  })

  it('writes batches the way Customer AI pushes them', () => {
    const forms = new Set<string | undefined>()
    for (const batch of world.batches) {
      forms.add(batchIdForm(batch.id))
      expect(batchIdForm(batch.id)).toBeDefined()
      expect(batch).toMatchObject({
        createdClient: 'acp_foundation_push',
        createdUser: 'sensei_exp_customerai@AdobeID',
        updatedUser: 'acp_foundation_dataTracker@AdobeID',
      })
      if (batch.status === 'success') {
        const parts = batch.files.flatMap((g) => g.parts)
        expect(batch.files).toHaveLength(1)
        expect(batch.files[0]?.dataSetFileId).toBe(`${batch.id}-1`)
        expect(Object.keys(batch.metrics).sort()).toEqual(
          ['inputByteSize', 'inputFileCount', 'inputRecordCount', 'outputByteSize', 'outputFileCount', 'outputRecordCount', 'partitionCount'],
        )
        expect(batch.size).toBe(parts.reduce((sum, p) => sum + p.length, 0))
        expect(batch.recordCount).toBe(parts.reduce((sum, p) => sum + p.records, 0))
        expect(batch.metrics.outputRecordCount).toBe(batch.recordCount)
        expect(batch.completed).toBeGreaterThan(batch.started ?? Infinity)
        expect(batch.errors).toEqual([])
      } else {
        expect(batch.files).toEqual([])
        expect(batch.size).toBeUndefined()
      }
      if (batch.status === 'processing') expect(batch.completed).toBeUndefined()
      if (batch.status === 'failure') expect(batch.errors.length).toBeGreaterThan(0)
    }
    expect(forms).toEqual(new Set(['ulid', 'hex32', 'uuid']))
  })

  it('chains each run to the one it replaces', () => {
    for (const dataset of world.datasets.filter((d) => d.instance)) {
      const runs = world.batches.filter((b) => b.datasetId === dataset.id).sort((a, b) => a.created - b.created)
      expect(runs[0]?.replay).toBeUndefined()
      runs.slice(1).forEach((run, i) => {
        const previous = runs[i]
        expect(run.replay?.predecessors).toEqual([previous?.id])
        expect(run.replay?.predecessorListingType).toBe('IMMEDIATE')
        expect(run.replay?.reason).toBe(`Replacing for ${new Date(previous?.created ?? 0).toISOString().slice(0, 10)}`)
      })
    }
  })

  it('names part files as Spark does, one tid and uuid per run, and writes them where relPath says', async () => {
    for (const batch of world.batches.filter((b) => b.status === 'success')) {
      const parts = batch.files[0]?.parts ?? []
      const runIds = new Set(parts.map((p) => p.name.replace(/^part-\d{5}-/, '').replace(/-\d+-1-c000\.snappy\.parquet$/, '')))
      expect(runIds.size).toBe(1)
      parts.forEach((part, i) => {
        expect(part.name).toMatch(SPARK_PART_NAME)
        expect(part.name.startsWith(`part-${String(i).padStart(5, '0')}-`)).toBe(true)
        expect(part.relPath.endsWith(`/${batch.id}-1/${part.name}`)).toBe(true)
      })
      const sizes = await Promise.all(parts.map((p) => stat(join(dataDir, p.relPath)).then((s) => s.size)))
      expect(sizes).toEqual(parts.map((p) => p.length))
    }
  })

  it('builds three score-bucket segments per profile-enabled instance and one that fails', () => {
    const names = world.segments.map((s) => s.name)
    for (const instance of ['Churn Prediction', 'Purchase Conversion', 'Churn Pilot']) {
      for (const bucket of ['High propensity', 'Medium propensity', 'Low propensity']) {
        expect(names).toContain(`${instance} – ${bucket}`)
      }
    }
    expect(names.some((n) => n.startsWith('Loyalty Churn Risk'))).toBe(false)
    expect(world.segments.filter((s) => s.failsOnExport).map((s) => s.name)).toEqual(['Churn Prediction – Broken export'])
    const high = world.segments.find((s) => s.name === 'Churn Prediction – High propensity')
    expect(high?.expression).toBe('_acmeinc.CustomerAI.churnPrediction.score > 74')
    for (const segment of world.segments) expect(() => parseScoreRule(segment.expression)).not.toThrow()
  })
})

describe('determinism', () => {
  it('generates the same manifest twice from the same seed', async () => {
    const other = await tempDir()
    const again = await loadOrGenerateWorld({ dataDir: other, shrink: SHRINK })
    expect(again).toEqual(world)
    const first = world.batches.find((b) => b.status === 'success')?.files[0]?.parts[0]
    if (!first) throw new Error('no part file')
    const [a, b] = await Promise.all([readFile(join(dataDir, first.relPath)), readFile(join(other, first.relPath))])
    expect(a.equals(b)).toBe(true)
  })

  it('loads a complete cache instead of generating', async () => {
    const started = performance.now()
    const cached = await loadOrGenerateWorld({ dataDir, shrink: SHRINK })
    expect(performance.now() - started).toBeLessThan(500)
    expect(cached).toEqual(world)
  })

  it('draws another world from another seed', async () => {
    const other = await loadOrGenerateWorld({ dataDir: await tempDir(), seed: 'another-seed', shrink: SHRINK })
    expect(other.datasets[0]?.id).not.toBe(world.datasets[0]?.id)
    expect(other.datasets[0]?.name).toBe(world.datasets[0]?.name)
  })
})

describe('the seed scale', () => {
  it('adds a run of at least 64 files of about 300,000 rows (here divided by 64) to the same world', async () => {
    const seedWorld = await loadOrGenerateWorld({ dataDir: await tempDir(), scale: 'seed', shrink: 64 })
    const dataset = seedWorld.datasets.find((d) => d.name === 'Customer AI Scores - Churn Prediction')
    const runs = seedWorld.batches.filter((b) => b.datasetId === dataset?.id && b.status === 'success')
    const parts = runs.at(-1)?.files[0]?.parts ?? []
    expect(parts.length).toBeGreaterThanOrEqual(64)
    for (const part of parts) expect(part.records).toBeGreaterThanOrEqual(300_000 / 64)
    expect(seedWorld.datasets.map((d) => d.id)).toEqual(world.datasets.map((d) => d.id))
    expect(seedWorld.segments).toEqual(world.segments)
  }, 300_000)
})

describe('writeExportBatch', () => {
  it('writes the profiles of a segment’s bucket from the latest successful run', async () => {
    const segment = world.segments.find((s) => s.name === 'Churn Prediction – High propensity')
    if (!segment) throw new Error('no segment')
    const target = world.datasets.find((d) => d.name === 'Web Events')
    if (!target) throw new Error('no target dataset')
    const group = await writeExportBatch({ dataDir, world, segment, targetDatasetId: target.id, batchId: '01MEXPORTTEST0000000000000', now: 1_800_000_000_000 })
    expect(group.dataSetFileId).toBe('01MEXPORTTEST0000000000000-1')
    expect(group.created).toBe(1_800_000_000_000)
    expect(group.parts.length).toBeGreaterThanOrEqual(1)
    for (const part of group.parts) {
      expect(part.name).toMatch(SPARK_PART_NAME)
      expect((await stat(join(dataDir, part.relPath))).size).toBe(part.length)
    }
    const exported = sqlFiles(group.parts.map((p) => join(dataDir, p.relPath)))
    const [summary] = await duck.rows(`
      SELECT count(*)::INTEGER AS n, min(_acmeinc.CustomerAI.churnPrediction.score) AS lo
      FROM read_parquet(${exported})`)
    expect(summary?.n).toBe(group.parts.reduce((sum, p) => sum + p.records, 0))
    expect(Number(summary?.lo)).toBeGreaterThan(74)
    const columns = await duck.rows(`DESCRIBE SELECT * FROM read_parquet(${exported})`)
    expect(columns.map((c) => c.column_name)).toEqual(['identityMap', '_acmeinc'])

    // The same profiles, with the same scores, as the latest successful run's files.
    const latest = instanceBatches('Churn Prediction').filter((b) => b.status === 'success').at(-1)
    const source = sqlFiles((latest?.files[0]?.parts ?? []).map((p) => join(dataDir, p.relPath)))
    const [check] = await duck.rows(`
      WITH src AS (
        SELECT list_filter(map_entries(identityMap), e -> e.key = 'ECID')[1].value[1].id AS ecid,
               _acmeinc.CustomerAI.churnPrediction.score AS score
        FROM read_parquet(${source}) WHERE _acmeinc.CustomerAI.churnPrediction.score > 74),
      exp AS (
        SELECT list_filter(map_entries(identityMap), e -> e.key = 'ECID')[1].value[1].id AS ecid,
               _acmeinc.CustomerAI.churnPrediction.score AS score
        FROM read_parquet(${exported}))
      SELECT (SELECT count(*) FROM src)::INTEGER AS source,
             (SELECT count(*) FROM src JOIN exp USING (ecid, score))::INTEGER AS matched`)
    expect(check?.source).toBe(summary?.n)
    expect(check?.matched).toBe(summary?.n)
  })

  it('writes the medium bucket with both bounds', async () => {
    const segment = world.segments.find((s) => s.name === 'Purchase Conversion – Medium propensity')
    if (!segment) throw new Error('no segment')
    const group = await writeExportBatch({ dataDir, world, segment, targetDatasetId: 'aaaaaaaaaaaaaaaaaaaaaaaa', batchId: 'b7d3c3d1-3f57-4a55-9d0c-1c8d1e0f8a11', now: 1_800_000_000_000 })
    const [summary] = await duck.rows(`
      SELECT min(_acmeinc.CustomerAI.purchaseConversion.score) AS lo, max(_acmeinc.CustomerAI.purchaseConversion.score) AS hi,
             count(*)::INTEGER AS n
      FROM read_parquet(${sqlFiles(group.parts.map((p) => join(dataDir, p.relPath)))})`)
    expect(summary?.n).toBeGreaterThan(0)
    expect(Number(summary?.lo)).toBeGreaterThanOrEqual(25)
    expect(Number(summary?.hi)).toBeLessThanOrEqual(74)
  })
})
