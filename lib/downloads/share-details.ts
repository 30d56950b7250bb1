import 'server-only'
import { aep } from '@/lib/aep'
import type { Batch, PartFile } from '@/lib/aep/types'
import { AppError } from '@/lib/errors'
import { runFiles } from '@/lib/runs/service'
import type { ShareLink } from '@/lib/shares'

// What a shared link points at, asked of Adobe at the moment of the visit (the database keeps only the reference).

export type FileLink = Extract<ShareLink, { kind: 'file' }>
export type RunLink = Extract<ShareLink, { kind: 'run' }>

export interface RunContext {
  batch: Batch
  /** The Customer AI instance (from the dataset's name), or the dataset's name when it has no instance. */
  instance?: string
}

export interface FileDetails {
  /** Undefined when Adobe no longer has the file. */
  size?: number
  run?: RunContext
}

export interface RunDetails extends RunContext {
  files: PartFile[]
  totalSize: number
}

export async function fileDetails(link: FileLink): Promise<FileDetails> {
  const [size, run] = await Promise.all([
    aep()
      .dataAccess.headFile(link.sandbox, link.dataSetFileId, link.path)
      .then((head) => head.size, ifNotFound(undefined)),
    link.batchId ? runContext(link.sandbox, link.batchId).catch(ifNotFound(undefined)) : undefined,
  ])
  return { size, run }
}

export async function runDetails(link: RunLink): Promise<RunDetails | undefined> {
  const listing = await runFiles(link.sandbox, link.batchId).catch(ifNotFound(undefined))
  if (!listing) return undefined
  return { ...listing, instance: await instanceOf(link.sandbox, listing.batch) }
}

async function runContext(sandbox: string, batchId: string): Promise<RunContext> {
  const batch = await aep().catalog.getBatch(sandbox, batchId)
  return { batch, instance: await instanceOf(sandbox, batch) }
}

async function instanceOf(sandbox: string, batch: Batch): Promise<string | undefined> {
  if (!batch.datasetId) return undefined
  // The instance's name is a nicety: the page still shows the file when the dataset cannot be read.
  const dataset = await aep()
    .catalog.getDataset(sandbox, batch.datasetId)
    .catch(() => undefined)
  return dataset?.instanceName ?? dataset?.name
}

/** Adobe no longer knowing the thing is an answer the page shows; any other failure is the page's error. */
function ifNotFound<T>(fallback: T) {
  return (error: unknown): T => {
    if (AppError.is(error) && error.type === 'not_found') return fallback
    throw error
  }
}
