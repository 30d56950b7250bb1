// Next 16 strips Content-Length from every route handler response (reliability.md, F1), so a download would reach
// the browser chunked, without a total size or progress bar. Our file routes say the size in `x-file-size` (and, on
// 206, in Content-Range); just before the headers go out, this puts the Content-Length back.
//
// It keeps failures honest: with a Content-Length announced, a body that stops short (Next destroys the socket
// when the upstream dies, F2) is a failed download in every client, never a complete-looking file.
import type { ServerResponse } from 'node:http'

const contentRangePattern = /^bytes (\d+)-(\d+)\/(\d+)$/

export function expectedLength(status: number, headers: { fileSize?: string; contentRange?: string }): number | undefined {
  if (status === 206) {
    const match = contentRangePattern.exec(headers.contentRange ?? '')
    return match ? Number(match[2]) - Number(match[1]) + 1 : undefined
  }
  if (status === 200 && headers.fileSize && /^\d{1,15}$/.test(headers.fileSize)) return Number(headers.fileSize)
  return undefined
}

export function restoreContentLength(res: ServerResponse): void {
  const writeHead = res.writeHead
  res.writeHead = function patchedWriteHead(this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode
    if (!this.hasHeader('content-length') && !this.hasHeader('content-encoding')) {
      const length = expectedLength(status, {
        fileSize: headerString(this.getHeader('x-file-size')),
        contentRange: headerString(this.getHeader('content-range')),
      })
      if (length !== undefined) this.setHeader('content-length', String(length))
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

function headerString(value: number | string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value)
}
