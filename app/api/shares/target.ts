import 'server-only'
import { aep } from '@/lib/aep'
import { AppError } from '@/lib/errors'
import { runFiles } from '@/lib/runs/service'
import type { ShareTarget } from '@/lib/shares'
import type { ShareRequest } from './schema'

/**
 * What the link will open, checked with Adobe before it exists: the creator can see it, it is there, and a file
 * said to belong to a run really is in that run's listing (the share page shows the run, so it must be true).
 */
export async function verifiedTarget(request: ShareRequest, signal: AbortSignal): Promise<ShareTarget> {
  if (request.kind === 'run') {
    const { batch, files } = await runFiles(request.sandbox, request.batchId, signal)
    if (batch.status !== 'success') throw new AppError('conflict:share', `This run is ${batch.status}; only successful runs can be shared.`)
    if (files.length === 0) throw new AppError('conflict:share', 'This run has no files to share.')
    return { kind: 'run', sandbox: request.sandbox, batchId: request.batchId }
  }
  const { sandbox, dataSetFileId, path, batchId } = request
  if (batchId !== undefined) {
    const { files } = await runFiles(sandbox, batchId, signal)
    if (!files.some((file) => file.dataSetFileId === dataSetFileId && file.name === path)) {
      throw new AppError('bad_request:share', `That file is not part of run ${batchId}.`)
    }
  } else {
    await aep().dataAccess.headFile(sandbox, dataSetFileId, path, { signal })
  }
  return { kind: 'file', sandbox, dataSetFileId, path, batchId: batchId ?? null }
}
