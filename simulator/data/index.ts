// The simulator's data: a deterministic world of Customer AI score runs, generated once per seed and scale and
// cached under the data directory. See ../../shared/design.md, "The simulator".
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Scale, World } from '../model'
import { readManifest } from './cache'
import { generateWorld } from './generate'
import { withLock } from './lock'
import { cacheKeyOf, worldDirName, type WorldOptions } from './world'

export { writeExportBatch } from './export-batch'

export const DEFAULT_SEED = 'score-explorer'

/** One generation per world directory at a time within this process (the lock directory covers other processes). */
const inFlight = new Map<string, Promise<World>>()

/**
 * The world for a seed and scale: read from `<dataDir>/<seed>-<scale>/manifest.json` when a complete cache of this
 * generator version is there, generated (and cached) otherwise. Deterministic: same seed, same bytes.
 */
export async function loadOrGenerateWorld(opts: {
  dataDir: string
  seed?: string
  scale?: Scale
  log?: (msg: string) => void
  /** Internal, for tests: divide every run's population. */
  shrink?: number
}): Promise<World> {
  const worldOpts: WorldOptions = { seed: opts.seed ?? DEFAULT_SEED, scale: opts.scale ?? 'demo', shrink: opts.shrink ?? 1 }
  const worldPath = join(opts.dataDir, worldDirName(worldOpts))
  const cacheKey = cacheKeyOf(worldOpts)
  const cached = await readManifest(worldPath, cacheKey)
  if (cached) return cached
  const pending = inFlight.get(worldPath)
  if (pending) return pending
  const log = opts.log ?? (() => {})
  const generation = mkdir(opts.dataDir, { recursive: true })
    .then(() =>
      withLock(
        `${worldPath}.lock`,
        () => readManifest(worldPath, cacheKey),
        () => generateWorld(opts.dataDir, worldOpts, log),
        log,
      ),
    )
    .finally(() => inFlight.delete(worldPath))
  inFlight.set(worldPath, generation)
  return generation
}
