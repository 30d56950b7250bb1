import 'server-only'
import { AppError } from '@/lib/errors'
import { contentRangeTotal, parseLength, pickFileHeaders } from './file-headers'
import type { PlatformHttp } from './http'
import { platformLink } from './links'
import { pagesByCursor } from './paging'
import { apiPath, targetUrl, type PlatformTarget } from './paths'
import { reshapeBatchFile, reshapePart } from './reshape/data-access'
import type { BatchFile, CallOptions, FileHead, OpenedFile, OpenFileOptions, PartFile } from './types'
import { wireBatchFilesPage, wireFileListingPage } from './wire/data-access'

// Data Access API (aep-api.md §2): a batch's files, the parts inside a file, and the bytes of one part.
// Listings are followed through `_links.next`, each href checked by ./links.ts before any request goes out.

export interface DataAccessApi {
  /** The dataSetFiles of a batch (every page). */
  listBatchFiles(sandbox: string, batchId: string, options?: CallOptions): Promise<BatchFile[]>
  /** The downloadable parts inside a dataSetFile (every page; a directory of further dataSetFiles is followed one level). */
  listFileParts(sandbox: string, dataSetFileId: string, options?: CallOptions): Promise<PartFile[]>
  headFile(sandbox: string, dataSetFileId: string, path: string, options?: CallOptions): Promise<FileHead>
  /** The bytes of one part, streamed; `range` is forwarded, and Adobe's 200 or 206 passed on unchanged. */
  openFile(sandbox: string, dataSetFileId: string, path: string, options?: OpenFileOptions): Promise<OpenedFile>
}

const fileAccept = 'application/octet-stream, application/parquet;q=0.9, */*;q=0.8'

export function createDataAccessApi(http: PlatformHttp, limits: { maxPages: number }): DataAccessApi {
  const { config } = http
  const nextTarget = (href: string | undefined): PlatformTarget | undefined => (href ? platformLink(href, config) : undefined)
  const keyOf = (target: PlatformTarget) => targetUrl(config.platformUrl, target).href

  async function partsOf(sandbox: string, dataSetFileId: string, options: CallOptions) {
    const parts: PartFile[] = []
    const nested: string[] = []
    const first = apiPath`/data/foundation/export/files/${dataSetFileId}`
    await pagesByCursor('file', first, keyOf, limits.maxPages, async (target) => {
      const page = await http.json(
        { method: 'GET', target, sandbox, what: 'file', surface: 'file', signal: options.signal },
        wireFileListingPage,
      )
      const items = page.data ?? []
      for (const entry of items) {
        if (entry.kind === 'part') parts.push(reshapePart(dataSetFileId, entry.item))
        else nested.push(entry.item.dataSetFileId)
      }
      return { items, next: nextTarget(page._links?.next?.href) }
    })
    return { parts, nested }
  }

  return {
    async listBatchFiles(sandbox, batchId, options = {}) {
      const first = apiPath`/data/foundation/export/batches/${batchId}/files`
      const files = await pagesByCursor('batch file', first, keyOf, limits.maxPages, async (target) => {
        const page = await http.json(
          { method: 'GET', target, sandbox, what: 'batch', surface: 'aep', signal: options.signal },
          wireBatchFilesPage,
        )
        return { items: page.data ?? [], next: nextTarget(page._links?.next?.href) }
      })
      return files.map(reshapeBatchFile)
    },

    async listFileParts(sandbox, dataSetFileId, options = {}) {
      const top = await partsOf(sandbox, dataSetFileId, options)
      const parts = [...top.parts]
      // Case 2: a directory of further dataSetFiles. One level only: their own nested entries are not chased.
      for (const nestedId of top.nested) parts.push(...(await partsOf(sandbox, nestedId, options)).parts)
      return parts
    },

    async headFile(sandbox, dataSetFileId, path, options = {}) {
      const headers = await http.head({
        method: 'HEAD',
        target: apiPath`/data/foundation/export/files/${dataSetFileId}`,
        query: { path: checkedPath(path) },
        sandbox,
        accept: fileAccept,
        what: 'file',
        surface: 'file',
        signal: options.signal,
      })
      const size = parseLength(headers.get('content-length'))
      if (size === undefined) {
        throw new AppError('upstream:aep', 'Adobe did not say how large that file is.', { detail: 'HEAD without a Content-Length' })
      }
      return { size, contentType: headers.get('content-type') ?? 'application/octet-stream', etag: headers.get('etag') ?? undefined }
    },

    async openFile(sandbox, dataSetFileId, path, options = {}) {
      const opened = await http.stream({
        method: 'GET',
        target: apiPath`/data/foundation/export/files/${dataSetFileId}`,
        query: { path: checkedPath(path) },
        sandbox,
        accept: fileAccept,
        forward: { range: options.range, ifRange: options.ifRange },
        what: 'file',
        surface: 'file',
        signal: options.signal,
      })
      if (opened.status !== 200 && opened.status !== 206) {
        await opened.body.cancel().catch(() => {})
        throw new AppError('upstream:aep', `Adobe answered ${opened.status} for that file, which we did not expect.`)
      }
      const headers = pickFileHeaders(opened.headers)
      const size = opened.status === 206 ? contentRangeTotal(headers.contentRange) : parseLength(headers.contentLength)
      return { status: opened.status, headers, size, body: opened.body }
    },
  }
}

/**
 * The `path` query value names a file inside the dataSetFile. The route validates it already; this is the adapter's
 * own check (reliability.md §1.2), so nothing that could climb directories or smuggle separators reaches Adobe.
 */
function checkedPath(path: string): string {
  const bad = path === '' || path.length > 1024 || /[\u0000-\u001f\u007f\\]/.test(path) || path.split('/').some((s) => s === '..' || s === '.')
  if (bad) throw new AppError('bad_request:file', 'That file path is not valid.', { detail: JSON.stringify(path.slice(0, 200)) })
  return path
}
