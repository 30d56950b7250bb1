import { makeZip, predictLength } from 'client-zip'
import { z } from 'zod'
import { aep } from '@/lib/aep'
import type { PartFile } from '@/lib/aep/types'
import { AppError } from '@/lib/errors'
import { attachmentFor } from '@/lib/http/disposition'
import { withUser } from '@/lib/http/handler'
import { batchId, sandboxName } from '@/lib/http/ids'
import { runFiles } from '@/lib/runs/service'

export const dynamic = 'force-dynamic'

// A whole run as one zip, streamed: each part is opened only when the zip reaches it, stored without
// recompression (parquet is already snappy-compressed), so the zip's exact size is known in advance and the
// browser can show progress. A part that fails mid-way errors the whole stream: the download fails visibly.
export const GET = withUser(z.object({ sandbox: sandboxName, batchId }), async ({ request, params: { sandbox, batchId } }) => {
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

  return new Response(makeZip(entries(files)), {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': attachmentFor(`${batchId}.zip`),
      'x-file-size': String(size),
      'cache-control': 'private, no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  })
})
