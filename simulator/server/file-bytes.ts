// Sends a file from disk with HEAD and single-Range support, streaming it: never read whole into memory.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { HttpError, notFound, serviceError } from './errors'
import { parseRange } from './range'

export interface FileToSend {
  absPath: string
  contentType: string
  /** Stable identity for the ETag (the size and mtime are mixed in). */
  identity: string
}

export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileToSend): Promise<void> {
  const info = await stat(file.absPath).catch(() => undefined)
  if (!info?.isFile()) throw notFound('DAS', 'The requested file was not found.')
  const size = info.size
  const etag = `"${createHash('sha1').update(`${file.identity}:${size}:${info.mtimeMs}`).digest('hex').slice(0, 27)}"`
  const common = {
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  }

  if (req.method === 'HEAD') {
    res.writeHead(200, { ...common, 'Content-Length': String(size) })
    res.end()
    return
  }

  const range = parseRange(req.headers.range, size)
  if (range.kind === 'unsatisfiable') {
    const { status, body } = serviceError(416, `The requested range is not satisfiable; the file has ${size} bytes.`, 'DAS', 'Range Not Satisfiable')
    throw new HttpError(status, body, { 'Content-Range': `bytes */${size}` })
  }
  const start = range.kind === 'range' ? range.start : 0
  const end = range.kind === 'range' ? range.end : size - 1
  const length = size === 0 ? 0 : end - start + 1
  res.writeHead(range.kind === 'range' ? 206 : 200, {
    ...common,
    'Content-Length': String(length),
    ...(range.kind === 'range' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  })
  if (length === 0) {
    res.end()
    return
  }
  // A client that hangs up mid-file rejects the pipeline; that is normal, and the read stream is closed by it.
  await pipeline(createReadStream(file.absPath, { start, end }), res).catch(() => undefined)
}
