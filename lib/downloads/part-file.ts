import 'server-only'
import { aep, type RangeNotSatisfiableError } from '@/lib/aep'
import { AppError } from '@/lib/errors'
import { fileResponseHeaders, validIfRange } from '@/lib/http/file-response'
import { parseContentRange, parseRange } from '@/lib/http/range'

// One part file's bytes, streamed from Adobe: GET (whole or one Range) and HEAD, the way hyparquet and browsers'
// download managers need them. Shared by the signed-in file route and the share-link bytes route, which differ only
// in how they decide who may read. Never buffered: the upstream stream is handed on as it is, so a cut upstream is
// a cut download (reliability.md F2).

export interface PartFileRef {
  sandbox: string
  dataSetFileId: string
  /** The part's name, already checked with `partFileName`. */
  path: string
}

export interface ServeOptions {
  asAttachment: boolean
  /** Added to (and overriding) the file headers, e.g. the share pages' no-referrer and noindex. */
  headers?: Record<string, string>
}

export interface StreamedPart {
  response: Response
  /** The bytes this response carries: the whole file on 200, the slice on 206; null when Adobe did not say. */
  bytes: number | null
  /** Whether the body starts at byte 0: a whole GET, or the first range of a download manager. */
  fromStart: boolean
}

export async function streamPartFile(request: Request, file: PartFileRef, options: ServeOptions): Promise<StreamedPart> {
  const range = parseRange(request.headers.get('range'))
  if (range.kind === 'invalid') throw new AppError('bad_request:file', range.reason)
  try {
    const opened = await aep().dataAccess.openFile(file.sandbox, file.dataSetFileId, file.path, {
      range: range.kind === 'single' ? range.header : undefined,
      ifRange: range.kind === 'single' ? validIfRange(request.headers.get('if-range')) : undefined,
      signal: request.signal,
    })
    const headers = fileResponseHeaders({ name: file.path, size: opened.size, upstream: opened.headers, asAttachment: options.asAttachment })
    addHeaders(headers, options.headers)
    const slice = opened.status === 206 ? parseContentRange(opened.headers.contentRange) : undefined
    return {
      response: new Response(opened.body, { status: opened.status, headers }),
      bytes: slice ? slice.end - slice.start + 1 : (opened.size ?? null),
      fromStart: opened.status === 200 || slice?.start === 0,
    }
  } catch (error) {
    // By code, not instanceof: the error may come from another loaded copy of lib/aep (see lib/errors.ts).
    if (isRangeNotSatisfiable(error) && error.size !== undefined) {
      const response = error.toResponse({ 'content-range': `bytes */${error.size}`, 'x-file-size': String(error.size) })
      addHeaders(response.headers, options.headers)
      return { response, bytes: null, fromStart: false }
    }
    throw error
  }
}

export async function headPartFile(request: Request, file: PartFileRef, options: ServeOptions): Promise<Response> {
  const head = await aep().dataAccess.headFile(file.sandbox, file.dataSetFileId, file.path, { signal: request.signal })
  const headers = fileResponseHeaders({
    name: file.path,
    size: head.size,
    upstream: { contentType: head.contentType, etag: head.etag },
    asAttachment: options.asAttachment,
  })
  addHeaders(headers, options.headers)
  return new Response(null, { status: 200, headers })
}

export function addHeaders(target: Headers, extra: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(extra ?? {})) target.set(name, value)
}

function isRangeNotSatisfiable(error: unknown): error is RangeNotSatisfiableError {
  return AppError.is(error) && error.code === 'range_not_satisfiable:file' && 'size' in error
}
