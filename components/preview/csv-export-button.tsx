'use client'
import { useState } from 'react'
import type { PreviewColumnId } from '@/lib/preview/columns'
import type { PreviewWorkerClient } from '@/lib/preview/worker-client'

/** Exports the current view (filtered, sorted, chosen columns) as CSV, streamed from the worker in blocks. */
export function CsvExportButton({ client, columns, fileName, count }: { client: PreviewWorkerClient; columns: PreviewColumnId[]; fileName: string; count: number }) {
  const [state, setState] = useState<{ running: boolean; rows?: number; error?: string }>({ running: false })

  async function run() {
    setState({ running: true })
    const parts: string[] = []
    try {
      const result = await client.request({ kind: 'csv', columns }, { onChunk: (text) => parts.push(text) })
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }))
      const anchor = document.createElement('a')
      anchor.href = url
      anchor.download = `${fileName.replace(/\.parquet$/, '')}.csv`
      anchor.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      setState({ running: false, rows: result.kind === 'csv-done' ? result.rows : undefined })
    } catch (error) {
      setState({ running: false, error: error instanceof Error ? error.message : String(error) })
    }
  }

  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={state.running || count === 0}
        onClick={() => void run()}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        {state.running ? 'Exporting…' : `Export ${count.toLocaleString('en-US')} rows as CSV`}
      </button>
      {state.error && <span role="alert" className="text-sm text-red-800">Export failed: {state.error}</span>}
    </span>
  )
}
