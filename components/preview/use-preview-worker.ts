'use client'
import { useEffect, useState } from 'react'
import type { FileSource, FileSummary } from '@/lib/preview/protocol'
import { PreviewWorkerClient } from '@/lib/preview/worker-client'

export interface PreviewWorkerState {
  client?: PreviewWorkerClient
  summary?: FileSummary
  error?: string
  bytesFetched: number
}

/** Starts the worker, opens the file in it, and ends the worker when the page goes away. */
export function usePreviewWorker(source: FileSource, scoreLeaf: string[] | undefined): PreviewWorkerState {
  const [state, setState] = useState<PreviewWorkerState>({ bytesFetched: 0 })
  const scoreLeafKey = scoreLeaf?.join('.')

  useEffect(() => {
    const worker = new Worker(new URL('../../lib/preview/preview.worker.ts', import.meta.url), { type: 'module' })
    const client = new PreviewWorkerClient(worker)
    client.onBytes = (bytesFetched) => setState((current) => ({ ...current, bytesFetched }))
    let live = true
    client
      .request({ kind: 'open', source, scoreLeaf: scoreLeafKey?.split('.') })
      .then((result) => {
        if (live && result.kind === 'opened') setState((current) => ({ ...current, client, summary: result.summary }))
      })
      .catch((error: unknown) => {
        if (live) setState((current) => ({ ...current, error: error instanceof Error ? error.message : String(error) }))
      })
    return () => {
      live = false
      client.terminate()
    }
  }, [source, scoreLeafKey])

  return state
}
