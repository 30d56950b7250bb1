/// <reference lib="webworker" />
// The preview's Web Worker: parquet decoding never runs on the page's main thread. One open file per worker; each
// request gets its own AbortController, and a `cancel` aborts it (a scroll past a block, a new sort).
import { httpParquetBuffer, type HttpParquetBuffer } from '@/lib/preview/http-buffer'
import type { PreviewRequest, PreviewResponse, PreviewResult } from '@/lib/preview/protocol'
import { PreviewSession } from '@/lib/preview/session'

declare const self: DedicatedWorkerGlobalScope

let session: Promise<PreviewSession> | undefined
let source: HttpParquetBuffer | undefined
const running = new Map<number, AbortController>()

function post(message: PreviewResponse): void {
  self.postMessage(message)
}

async function handle(request: Exclude<PreviewRequest, { kind: 'cancel' }>, signal: AbortSignal): Promise<PreviewResult> {
  if (request.kind === 'open') {
    source = httpParquetBuffer(request.source.url, request.source.byteLength)
    session = PreviewSession.open(source.buffer, request.scoreLeaf)
    return { kind: 'opened', summary: await (await session).summary() }
  }
  if (!session) throw new Error('No file is open.')
  const open = await session
  switch (request.kind) {
    case 'view':
      return { kind: 'view', count: await open.setView(request.spec, signal) }
    case 'rows':
      return { kind: 'rows', rows: await open.rows(request.viewStart, request.viewEnd, signal) }
    case 'raw':
      return { kind: 'raw', json: await open.raw(request.rowIndex, signal) }
    case 'csv': {
      const rows = await open.csv(request.columns, (text) => post({ kind: 'csv-chunk', queryId: request.queryId, text }), signal, request.limit)
      return { kind: 'csv-done', rows }
    }
  }
}

self.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const request = event.data
  if (request.kind === 'cancel') {
    running.get(request.queryId)?.abort()
    return
  }
  const controller = new AbortController()
  running.set(request.queryId, controller)
  handle(request, controller.signal)
    .then((result) => post({ kind: 'result', queryId: request.queryId, result, bytesFetched: source?.counter.bytesFetched ?? 0 }))
    .catch((error: unknown) =>
      post({
        kind: 'error',
        queryId: request.queryId,
        message: error instanceof Error ? error.message : String(error),
        aborted: controller.signal.aborted,
      }),
    )
    .finally(() => running.delete(request.queryId))
}
