// The world plan: every record of the World, drawn from the seed, plus the list of part files to write.
// Nothing here touches the disk, so the plan can be rebuilt cheaply (exports use it to find a run's population).
import type { DatasetRecord, Scale, World } from '../model'
import { datasetRecord, instanceDataset, sandboxes, segmentsFor } from './catalog'
import type { PopulationSpec } from './population'
import { hashString, saltOf } from './prng'
import { planRuns, type PartTask, type PlannedRuns } from './runs'
import { BASE_EPOCH, instanceSpecs, ORG_ID, OTHER_DATASETS, TENANT, type InstanceSpec } from './spec'

/** Bump when the files or the manifest change shape: caches written by an older generator are rebuilt. */
export const GENERATOR_VERSION = 5

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface WorldOptions {
  seed: string
  scale: Scale
  /** Divides every run's population: tests use small worlds. 1 is the real scale. */
  shrink?: number
}

export interface WorldPlan {
  world: World
  tasks: PartTask[]
  /** Directory of this world relative to the data directory. */
  worldDir: string
}

export function worldDirName({ seed, scale, shrink = 1 }: WorldOptions): string {
  const safeSeed = seed.replace(/[^A-Za-z0-9._-]/g, '_')
  return shrink === 1 ? `${safeSeed}-${scale}` : `${safeSeed}-${scale}-shrink${shrink}`
}

export function cacheKeyOf({ seed, scale, shrink = 1 }: WorldOptions): string {
  return `v${GENERATOR_VERSION}:${seed}:${scale}${shrink === 1 ? '' : `:shrink${shrink}`}`
}

/** The options a world was generated with (the shrink factor lives only in its cache key). */
export function optionsOfWorld(world: World): WorldOptions {
  const shrink = /:shrink(\d+)$/.exec(world.cacheKey)?.[1]
  return { seed: world.seed, scale: world.scale, shrink: shrink ? Number(shrink) : 1 }
}

/** "Now" for this seed: fixed, so that two generations agree byte for byte. */
export function generationEpoch(seed: string): number {
  return BASE_EPOCH + (hashString(`${seed}:epoch`)[0] % 72) * HOUR
}

function populationOf(seed: string, spec: InstanceSpec): PopulationSpec {
  return {
    identitySalt: saltOf(`${seed}:identities:${spec.sandbox}`),
    scoreSalt: saltOf(`${seed}:scores:${spec.sandbox}:${spec.key}`),
    propensityType: spec.propensityType,
    sizes: spec.runs.map((run) => run.size),
    leaveRate: spec.leaveRate,
  }
}

export interface InstancePlan {
  dataset: DatasetRecord
  runs: PlannedRuns
  population: PopulationSpec
}

/** One instance: its output dataset and its runs. Exports re-plan a single instance to rebuild a run's rows. */
export function planInstance(seed: string, now: number, spec: InstanceSpec, worldDir: string): InstancePlan {
  const population = populationOf(seed, spec)
  // The dataset is made just before the instance's first run; its id must exist before the runs are planned.
  const period = spec.frequency === 'weekly' ? 7 * DAY : 30 * DAY
  const created = now - spec.lastRunHoursAgo * HOUR - (spec.runs.length - 1) * period - 2 * DAY
  const dataset = instanceDataset(seed, spec, created, created)
  const runs = planRuns({ seed, now, spec, population, datasetId: dataset.id, tenant: TENANT, worldDir })
  dataset.updated = Math.max(created, ...runs.batches.map((batch) => batch.updated))
  return { dataset, runs, population }
}

export function planWorld(opts: WorldOptions): WorldPlan {
  const { seed, scale } = opts
  const now = generationEpoch(seed)
  const worldDir = worldDirName(opts)
  const datasets: DatasetRecord[] = []
  const world: World = {
    cacheKey: cacheKeyOf(opts),
    seed,
    scale,
    orgId: ORG_ID,
    tenant: TENANT,
    sandboxes: sandboxes(now),
    datasets,
    batches: [],
    segments: [],
  }
  const tasks: PartTask[] = []

  for (const spec of instanceSpecs(scale, opts.shrink)) {
    const { dataset, runs } = planInstance(seed, now, spec, worldDir)
    datasets.push(dataset)
    world.batches.push(...runs.batches)
    tasks.push(...runs.tasks)
    if (spec.profileEnabled) world.segments.push(...segmentsFor(seed, spec, dataset))
  }
  for (const other of OTHER_DATASETS) {
    const created = now - (200 + (hashString(other.name)[0] % 200)) * DAY
    datasets.push(datasetRecord({ seed, ...other, created, updated: now - (hashString(other.name)[1] % 48) * HOUR }))
  }
  return { world, tasks, worldDir }
}
