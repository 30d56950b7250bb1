import 'server-only'
import { aep } from '@/lib/aep'
import type { PartFile } from '@/lib/aep/types'

/** Bytes [start, end) of a part file, read through lib/aep with one Range request. */
export async function readPartRange(sandbox: string, part: PartFile, start: number, end: number): Promise<ArrayBuffer> {
  const file = await aep().dataAccess.openFile(sandbox, part.dataSetFileId, part.name, {
    range: `bytes=${start}-${end - 1}`,
  })
  const bytes = await new Response(file.body).arrayBuffer()
  if (file.status === 200 && bytes.byteLength !== end - start) return bytes.slice(start, end)
  return bytes
}
