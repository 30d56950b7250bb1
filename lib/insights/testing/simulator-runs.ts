// Test and bench support (Node only, never imported by app code): the simulator's generated runs as the compute
// core's input, read from local files. The simulator is Adobe's stand-in; here it only supplies fixture files.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openLocalFile, type LocalFile } from '@/lib/parquet/testing/local-file'
// eslint-disable-next-line no-restricted-imports -- tests read the simulator's generated files as fixtures
import { loadOrGenerateWorld } from '@/simulator/data'
import type { RunParts } from '../compute'

export const simulatorDataDir = fileURLToPath(new URL('../../../.data/simulator', import.meta.url))

export interface LocalRun extends RunParts {
  /** Local paths of the parts, in listing order (for DuckDB). */
  paths: string[]
}

export interface InstanceRuns {
  instanceKey: string
  latest: LocalRun
  previous: LocalRun
  /** Closes every file handle. */
  close(): Promise<void>
}

/** The latest successful run of an instance and the successful run before it, as local parts. */
export async function simulatorInstanceRuns(instanceName: string, options: { scale?: 'demo' | 'seed' } = {}): Promise<InstanceRuns> {
  const world = await loadOrGenerateWorld({ dataDir: simulatorDataDir, scale: options.scale })
  const dataset = world.datasets.find((d) => d.instance?.name === instanceName)
  if (!dataset?.instance) throw new Error(`the simulator has no instance ${instanceName}`)
  const [latest, previous] = world.batches
    .filter((b) => b.datasetId === dataset.id && b.status === 'success')
    .sort((a, b) => b.created - a.created)
  if (!latest || !previous) throw new Error(`${instanceName} has fewer than two successful runs`)
  const handles: LocalFile[] = []
  async function localRun(batch: typeof latest): Promise<LocalRun> {
    const groups = batch?.files ?? []
    const parts = await Promise.all(
      groups.flatMap((group) =>
        group.parts.map(async (part) => {
          const local = await openLocalFile(join(simulatorDataDir, part.relPath))
          handles.push(local)
          return { dataSetFileId: group.dataSetFileId, name: part.name, size: local.byteLength, open: () => local.buffer(), path: local.path }
        }),
      ),
    )
    return { batchId: batch?.id ?? '', created: batch?.created ?? 0, parts, paths: parts.map((p) => p.path) }
  }
  return {
    instanceKey: dataset.instance.key,
    latest: await localRun(latest),
    previous: await localRun(previous),
    close: async () => {
      await Promise.all(handles.map((h) => h.close()))
    },
  }
}
