// The page's side of the preview worker: each call returns a promise for its one answer; an AbortSignal cancels the
// request in the worker too.
import type { PreviewRequest, PreviewResponse, PreviewResult } from '@/lib/preview/protocol'

type Pending = { resolve: (result: PreviewResult) => void; reject: (error: Error) => void; onChunk?: (text: string) => void }

type RequestBody = PreviewRequest extends infer R ? (R extends { queryId: number } ? Omit<R, 'queryId'> : never) : never

export class PreviewAbortError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'PreviewAbortError'
  }
}

export class PreviewWorkerClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** Bytes the worker has fetched from the file so far. */
  bytesFetched = 0
  onBytes?: (bytes: number) => void

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<PreviewResponse>) => this.receive(event.data)
    worker.onerror = (event) => {
      for (const [, pending] of this.pending) pending.reject(new Error(event.message || 'The preview worker stopped.'))
      this.pending.clear()
    }
  }

  request(body: Exclude<RequestBody, { kind: 'cancel' }>, options: { signal?: AbortSignal; onChunk?: (text: string) => void } = {}): Promise<PreviewResult> {
    const queryId = this.nextId++
    return new Promise<PreviewResult>((resolve, reject) => {
      if (options.signal?.aborted) return reject(new PreviewAbortError())
      this.pending.set(queryId, { resolve, reject, onChunk: options.onChunk })
      options.signal?.addEventListener('abort', () => {
        this.worker.postMessage({ kind: 'cancel', queryId } satisfies PreviewRequest)
        this.pending.delete(queryId)
        reject(new PreviewAbortError())
      })
      this.worker.postMessage({ ...body, queryId } as PreviewRequest)
    })
  }

  terminate(): void {
    this.worker.terminate()
  }

  private receive(message: PreviewResponse): void {
    const pending = this.pending.get(message.queryId)
    if (!pending) return
    if (message.kind === 'csv-chunk') {
      pending.onChunk?.(message.text)
      return
    }
    this.pending.delete(message.queryId)
    if (message.kind === 'error') {
      pending.reject(message.aborted ? new PreviewAbortError() : new Error(message.message))
      return
    }
    this.bytesFetched = message.bytesFetched
    this.onBytes?.(message.bytesFetched)
    pending.resolve(message.result)
  }
}
