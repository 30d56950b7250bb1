'use client'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { CsvExportButton } from '@/components/preview/csv-export-button'
import { LayoutView, SchemaView } from '@/components/preview/file-structure'
import { PreviewToolbar } from '@/components/preview/preview-toolbar'
import { RawRowDialog } from '@/components/preview/raw-row-dialog'
import { RowsTable } from '@/components/preview/rows-table'
import { usePreviewWorker } from '@/components/preview/use-preview-worker'
import { formatBytes } from '@/components/ui/format'
import { readPreviewState, writePreviewState, type PreviewState, type PreviewTab } from '@/lib/preview/url-state'
import { PreviewAbortError } from '@/lib/preview/worker-client'

interface FilePreviewProps {
  fileUrl: string
  byteLength: number
  fileName: string
}

export function FilePreview({ fileUrl, byteLength, fileName }: FilePreviewProps) {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const state = useMemo(() => readPreviewState(new URLSearchParams(searchParams.toString())), [searchParams])
  const source = useMemo(() => ({ url: fileUrl, byteLength }), [fileUrl, byteLength])
  const { client, summary, error, bytesFetched } = usePreviewWorker(source, state.scoreLeaf)

  const [view, setView] = useState<{ key: string; count: number } | { key: string; error: string }>()
  const [jumpTo, setJumpTo] = useState({ row: state.row, nonce: 0 })
  const [rawRow, setRawRow] = useState<number>()
  const specKey = JSON.stringify(state.spec)

  const navigate = useCallback(
    (next: PreviewState) => router.replace(`${pathname}?${writePreviewState(new URLSearchParams(searchParams.toString()), next).toString()}`, { scroll: false }),
    [router, pathname, searchParams],
  )

  useEffect(() => {
    if (!client || !summary) return
    const controller = new AbortController()
    client
      .request({ kind: 'view', spec: JSON.parse(specKey) }, { signal: controller.signal })
      .then((result) => result.kind === 'view' && setView({ key: specKey, count: result.count }))
      .catch((reason: unknown) => {
        if (!(reason instanceof PreviewAbortError)) setView({ key: specKey, error: reason instanceof Error ? reason.message : String(reason) })
      })
    return () => controller.abort()
  }, [client, summary, specKey])

  // A new sort or filter starts at its first row (or at the row the address names, on first load).
  const firstSpec = useRef(specKey)
  useEffect(() => {
    if (firstSpec.current === specKey) return
    firstSpec.current = specKey
    setJumpTo((current) => ({ row: 0, nonce: current.nonce + 1 }))
  }, [specKey])

  // The row in view goes into the address, but not on every scroll event.
  const rowTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const latestState = useRef(state)
  latestState.current = state
  const onTopRowChange = useCallback(
    (row: number) => {
      clearTimeout(rowTimer.current)
      rowTimer.current = setTimeout(() => navigate({ ...latestState.current, row }), 400)
    },
    [navigate],
  )

  const tabs: { id: PreviewTab; label: string }[] = [
    { id: 'rows', label: 'Rows' },
    { id: 'schema', label: 'Schema' },
    { id: 'layout', label: 'Layout' },
  ]

  if (error) {
    return (
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
        This file could not be opened: {error}
      </p>
    )
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="tablist" aria-label="File views" className="flex gap-1 rounded-lg bg-slate-100 p-1">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              role="tab"
              type="button"
              aria-selected={state.tab === tab.id}
              onClick={() => navigate({ ...state, tab: tab.id })}
              className={`rounded-md px-3 py-1 text-sm ${state.tab === tab.id ? 'bg-white font-medium shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <BytesMeter fetched={bytesFetched} total={byteLength} />
      </div>

      {!summary || !client ? (
        <p className="text-sm text-slate-600" aria-busy="true">
          Reading the file&apos;s footer…
        </p>
      ) : state.tab === 'schema' ? (
        <SchemaView summary={summary} />
      ) : state.tab === 'layout' ? (
        <LayoutView summary={summary} />
      ) : (
        <>
          {!summary.scoreFields && <ScorePicker leaves={summary.numericLeaves} onPick={(leaf) => navigate({ ...state, scoreLeaf: leaf })} />}
          <PreviewToolbar
            state={state}
            onChange={navigate}
            count={view && 'count' in view ? view.count : summary.numRows}
            onJump={(row) => setJumpTo((current) => ({ row, nonce: current.nonce + 1 }))}
          />
          {view && 'error' in view ? (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
              That view could not be computed: {view.error}
            </p>
          ) : view?.key === specKey ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
                <span data-testid="view-count">
                  {view.count.toLocaleString('en-US')} of {summary.numRows.toLocaleString('en-US')} rows
                </span>
                <CsvExportButton client={client} columns={state.columns} fileName={fileName} count={view.count} />
              </div>
              <RowsTable
                client={client}
                count={view.count}
                viewKey={specKey}
                columns={state.columns}
                jumpTo={jumpTo}
                onTopRowChange={onTopRowChange}
                onShowRaw={setRawRow}
              />
            </>
          ) : (
            <p className="text-sm text-slate-600" aria-busy="true">
              Sorting and filtering the whole file (only the columns this needs are read)…
            </p>
          )}
          {rawRow !== undefined && <RawRowDialog client={client} rowIndex={rawRow} onClose={() => setRawRow(undefined)} />}
        </>
      )}
    </div>
  )
}

function BytesMeter({ fetched, total }: { fetched: number; total: number }) {
  const share = total > 0 ? Math.min(1, fetched / total) : 0
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600" data-testid="bytes-meter">
      <span>
        Read {formatBytes(fetched)} of {formatBytes(total)} ({(share * 100).toFixed(1)}%)
      </span>
      <span className="h-1.5 w-32 overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <span className="block h-full bg-slate-700" style={{ width: `${share * 100}%` }} />
      </span>
    </div>
  )
}

function ScorePicker({ leaves, onPick }: { leaves: string[][]; onPick: (leaf: string[]) => void }) {
  return (
    <label className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <span>No Customer AI score struct was recognised in this file. Which column holds the score?</span>
      <select aria-label="Score column" defaultValue="" onChange={(e) => e.target.value && onPick(e.target.value.split('.'))} className="rounded-md border border-amber-300 bg-white px-2 py-1">
        <option value="">Choose a numeric column…</option>
        {leaves.map((leaf) => (
          <option key={leaf.join('.')} value={leaf.join('.')}>
            {leaf.join('.')}
          </option>
        ))}
      </select>
    </label>
  )
}
