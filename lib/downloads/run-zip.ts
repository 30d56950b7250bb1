import 'server-only'
import { makeZip, predictLength } from 'client-zip'
import { aep } from '@/lib/aep'
import type { PartFile } from '@/lib/aep/types'
import { AppError } from '@/lib/errors'
import { attachmentFor } from '@/lib/http/disposition'
import { runFiles } from '@/lib/runs/service'
import { addHeaders } from './part-file'

// A whole run as one zip, streamed: each part is opened only when the zip reaches it, stored without
// recompression (parquet is already snappy-compressed), so the zip's exact size is known in advance and the
// browser can show progress. A part that fails mid-way errors the whole stream: the download fails visibly.
// Shared by the signed-in zip route and the share-link zip route.

export interface RunRef {
  sandbox: string
  batchId: string
}

export interface StreamedZip {
  response: Response
  /** The zip's exact size, predicted before the first byte. */
  bytes: number
}

export async function streamRunZip(request: Request, { sandbox, batchId }: RunRef, extraHeaders?: Record<string, string>): Promise<StreamedZip> {
  const { batch, files } = await runFiles(sandbox, batchId, request.signal)
  if (batch.status !== 'success') throw new AppError('conflict:file', `This run is ${batch.status}; only successful runs have files to download.`)
  if (files.length === 0) throw new AppError('not_found:file', 'This run has no files.')
  const lastModified = new Date(batch.completed ?? batch.created)
  const size = predictLength(files.map((file) => ({ name: file.name, size: file.size, lastModified })))

  async function* entries(parts: PartFile[]) {
    for (const part of parts) {
      const opened = await aep().dataAccess.openFile(sandbox, part.dataSetFileId, part.name, { signal: request.signal })
      yield { input: opened.body, name: part.name, size: part.size, lastModified }
    }
  }

  const headers = new Headers({
    'content-type': 'application/zip',
    'content-disposition': attachmentFor(`${batchId}.zip`),
    'x-file-size': String(size),
    'cache-control': 'private, no-store, no-transform',
    'x-content-type-options': 'nosniff',
  })
  addHeaders(headers, extraHeaders)
  return { response: new Response(makeZip(entries(files)), { status: 200, headers }), bytes: Number(size) }
}
