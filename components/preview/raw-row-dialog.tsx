'use client'
import { useEffect, useRef, useState } from 'react'
import type { PreviewWorkerClient } from '@/lib/preview/worker-client'

/** One row's whole nested value, every leaf included, read on demand. */
export function RawRowDialog({ client, rowIndex, onClose }: { client: PreviewWorkerClient; rowIndex: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [json, setJson] = useState<string>()
  const [error, setError] = useState<string>()

  useEffect(() => {
    dialog.current?.showModal()
    const controller = new AbortController()
    client
      .request({ kind: 'raw', rowIndex }, { signal: controller.signal })
      .then((result) => result.kind === 'raw' && setJson(result.json))
      .catch((reason: unknown) => !controller.signal.aborted && setError(reason instanceof Error ? reason.message : String(reason)))
    return () => controller.abort()
  }, [client, rowIndex])

  return (
    <dialog ref={dialog} onClose={onClose} aria-label={`Row ${rowIndex}, raw value`} className="m-auto w-full max-w-3xl rounded-lg p-0 backdrop:bg-slate-900/40">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Row {rowIndex.toLocaleString('en-US')}: raw value</h2>
        <button type="button" onClick={() => dialog.current?.close()} className="rounded px-2 py-1 text-sm hover:bg-slate-100">
          Close
        </button>
      </div>
      <pre className="max-h-[70vh] overflow-auto p-4 text-xs">{error ? `Could not read this row: ${error}` : (json ?? 'Reading…')}</pre>
    </dialog>
  )
}
