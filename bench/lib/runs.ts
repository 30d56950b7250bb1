// The demo organisation's successful runs and their part files, as the app lists them.
import type { BenchContext } from '../types'

export interface Part {
  dataSetFileId: string
  name: string
  size: number
}

export interface RunFiles {
  sandbox: string
  batchId: string
  instance: string
  parts: Part[]
  totalSize: number
}

export async function latestRuns(context: BenchContext): Promise<RunFiles[]> {
  const runs: RunFiles[] = []
  const { sandboxes } = await context.appJson<{ sandboxes: { name: string }[] }>('/api/sandboxes')
  for (const { name: sandbox } of sandboxes) {
    const { instances } = await context.appJson<{ instances: { name: string; latestSuccessfulRun?: { batchId: string } }[] }>(
      `/api/sandboxes/${sandbox}/instances`,
    )
    for (const instance of instances) {
      const batchId = instance.latestSuccessfulRun?.batchId
      if (!batchId) continue
      const { files, totalSize } = await context.appJson<{ files: Part[]; totalSize: number }>(`/api/sandboxes/${sandbox}/batches/${batchId}`)
      runs.push({ sandbox, batchId, instance: instance.name, parts: files, totalSize })
    }
  }
  return runs
}

export function filePath(sandbox: string, part: Part): string {
  return `/api/sandboxes/${sandbox}/files/${encodeURIComponent(part.dataSetFileId)}?path=${encodeURIComponent(part.name)}`
}

export function adobeFilePath(part: Part): string {
  return `/data/foundation/export/files/${encodeURIComponent(part.dataSetFileId)}?path=${encodeURIComponent(part.name)}`
}
