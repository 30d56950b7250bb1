// Audience exports: the profiles of a segment, written as Spark-like part files into the export job's target
// dataset. The rows are rebuilt from the instance's latest successful run (the same pure functions that wrote its
// score files), so an export agrees with the score files without reading them back.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileGroupRecord, SegmentRecord, World } from '../model'
import { sparkPartNames } from './ids'
import { countRows, partBoundaries } from './population'
import { Rng } from './prng'
import { runTasks } from './pool'
import { splitRows, type PartTask } from './runs'
import { matchesRule, parseScoreRule } from './segment-rule'
import { instanceSpecs } from './spec'
import { generationEpoch, optionsOfWorld, planInstance, worldDirName } from './world'

/** Big audiences are split into several part files, as Spark would, and so that the worker threads share them. */
const ROWS_PER_PART = 100_000

export async function writeExportBatch(opts: {
  dataDir: string
  world: World
  segment: SegmentRecord
  targetDatasetId: string
  batchId: string
  now: number
}): Promise<FileGroupRecord> {
  const { world, segment } = opts
  const rule = parseScoreRule(segment.expression)
  const dataset = world.datasets.find((candidate) => candidate.id === segment.datasetId)
  if (!dataset?.instance) throw new Error(`segment ${segment.id} does not read a Customer AI output dataset`)
  const worldOpts = optionsOfWorld(world)
  const spec = instanceSpecs(worldOpts.scale, worldOpts.shrink).find(
    (candidate) => candidate.sandbox === dataset.sandbox && candidate.key === dataset.instance?.key,
  )
  if (!spec) throw new Error(`no instance ${dataset.instance.key} in sandbox ${dataset.sandbox}`)
  if (spec.key !== rule.instanceKey) throw new Error(`segment ${segment.id} reads ${rule.instanceKey}, not ${spec.key}`)

  const worldDir = worldDirName(worldOpts)
  const plan = planInstance(world.seed, generationEpoch(world.seed), spec, worldDir)
  const latest = plan.runs.batches.filter((batch) => batch.status === 'success').at(-1)
  const source = plan.runs.tasks.find((task) => task.ctx.batchId === latest?.id)
  if (!latest || !source) throw new Error(`instance ${spec.name} has no successful run to export`)

  const { ctx } = source
  const keep = (score: number): boolean => matchesRule(rule, score)
  const count = countRows(plan.population, ctx.run, keep)
  const partCount = Math.max(1, Math.ceil(count / ROWS_PER_PART))
  const partRows = splitRows(count, Array.from({ length: partCount }, () => 1))
  const bounds = partBoundaries(plan.population, ctx.run, partRows, keep)

  const names = sparkPartNames(new Rng(`${world.seed}:export:${opts.batchId}`), partRows.length)
  const dataSetFileId = `${opts.batchId}-1`
  const dir = `${worldDir}/exports/${opts.targetDatasetId}/${opts.batchId}/${dataSetFileId}`
  await mkdir(join(opts.dataDir, dir), { recursive: true })

  const tasks: PartTask[] = partRows.map((records, p) => {
    return {
      relPath: `${dir}/${names[p] ?? ''}`,
      tenant: world.tenant,
      ctx,
      from: bounds[p] ?? 0,
      to: bounds[p + 1] ?? 0,
      firstRow: 0,
      records,
      rule,
    }
  })
  // Worker threads keep a large export from blocking the server's event loop.
  const results = await runTasks(opts.dataDir, tasks, Math.min(tasks.length, 2))
  return {
    dataSetFileId,
    created: opts.now,
    parts: tasks.map((task, p) => ({
      name: names[p] ?? '',
      relPath: task.relPath,
      length: results[p]?.length ?? 0,
      records: task.records,
    })),
  }
}
