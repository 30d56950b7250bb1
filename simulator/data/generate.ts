// Generates a world into the data directory: plan it, write every part file, then record sizes and metrics.
import { join } from 'node:path'
import type { World } from '../model'
import { resetDir, writeManifest } from './cache'
import { PartPool } from './pool'
import { at } from './prng'
import { settleBatch } from './runs'
import { planWorld, type WorldOptions } from './world'
import type { WriteResult } from './write-part'

export async function generateWorld(
  dataDir: string,
  opts: WorldOptions,
  log: (msg: string) => void = () => {},
): Promise<World> {
  const started = performance.now()
  const pool = new PartPool()
  try {
    return await generateWith(pool, dataDir, opts, log, started)
  } finally {
    await pool.close()
  }
}

async function generateWith(
  pool: PartPool,
  dataDir: string,
  opts: WorldOptions,
  log: (msg: string) => void,
  started: number,
): Promise<World> {
  const plan = planWorld(opts)
  const worldPath = join(dataDir, plan.worldDir)
  await resetDir(worldPath)
  const rows = plan.tasks.reduce((sum, task) => sum + task.records, 0)
  log(`simulator: generating ${plan.tasks.length} part files (${rows.toLocaleString('en')} rows) in ${worldPath}`)

  const results: WriteResult[] = await pool.run(dataDir, plan.tasks)

  // Tasks were planned in the order of the batches' parts: hand the lengths back in the same order.
  let next = 0
  for (const batch of plan.world.batches) {
    for (const part of batch.files.flatMap((group) => group.parts)) part.length = at(results, next++).length
    settleBatch(batch)
  }
  await writeManifest(worldPath, plan.world)
  log(`simulator: generated ${plan.world.cacheKey} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return plan.world
}
