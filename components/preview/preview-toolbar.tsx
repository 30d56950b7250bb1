'use client'
import { useState } from 'react'
import { columnLabels, previewColumnIds, type PreviewColumnId } from '@/lib/preview/columns'
import type { PreviewState } from '@/lib/preview/url-state'
import { buckets, type Bucket } from '@/lib/scores/buckets'

interface ToolbarProps {
  state: PreviewState
  onChange: (next: PreviewState) => void
  onJump: (row: number) => void
  count: number
}

const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400'

/** Sort, filters, columns and "go to row": every choice goes into the address (lib/preview/url-state.ts). */
export function PreviewToolbar({ state, onChange, onJump, count }: ToolbarProps) {
  const { spec } = state
  const [rowInput, setRowInput] = useState('')
  const setSpec = (patch: Partial<PreviewState['spec']>) => onChange({ ...state, row: 0, spec: { ...spec, ...patch } })
  const toggleBucket = (bucket: Bucket) => {
    const current = new Set(spec.buckets ?? [])
    if (current.has(bucket)) current.delete(bucket)
    else current.add(bucket)
    setSpec({ buckets: current.size ? buckets.filter((b) => current.has(b)) : undefined })
  }
  const number = (value: string) => (value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value))

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-slate-600">Sort</span>
          <select aria-label="Sort" className={inputClass} value={spec.sort ?? ''} onChange={(e) => setSpec({ sort: e.target.value === '' ? undefined : (e.target.value as 'asc' | 'desc') })}>
            <option value="">File order</option>
            <option value="desc">Score, highest first</option>
            <option value="asc">Score, lowest first</option>
          </select>
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs text-slate-600">Bucket</legend>
          <div className="flex gap-3 pt-1">
            {buckets.map((bucket) => (
              <label key={bucket} className="flex items-center gap-1 capitalize">
                <input type="checkbox" checked={spec.buckets?.includes(bucket) ?? false} onChange={() => toggleBucket(bucket)} />
                {bucket}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-slate-600">Score from</span>
          <input aria-label="Minimum score" type="number" step="any" className={`${inputClass} w-20`} defaultValue={spec.minScore ?? ''} onBlur={(e) => setSpec({ minScore: number(e.target.value) })} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-slate-600">to</span>
          <input aria-label="Maximum score" type="number" step="any" className={`${inputClass} w-20`} defaultValue={spec.maxScore ?? ''} onBlur={(e) => setSpec({ maxScore: number(e.target.value) })} />
        </label>
        <form
          className="flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault()
            const data = new FormData(e.currentTarget)
            setSpec({ factorCode: String(data.get('factor') ?? '').trim() || undefined, identity: String(data.get('q') ?? '').trim() || undefined })
          }}
        >
          <span className="text-xs text-slate-600">Factor code · identity contains</span>
          <span className="flex gap-2">
            <input name="factor" aria-label="Factor code" placeholder="e.g. loyaltyTier" className={`${inputClass} w-36`} defaultValue={spec.factorCode ?? ''} />
            <input name="q" aria-label="Identity contains" placeholder="ECID or e-mail" className={`${inputClass} w-40`} defaultValue={spec.identity ?? ''} />
            <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50">
              Apply
            </button>
          </span>
        </form>
        <form
          className="ml-auto flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault()
            const row = Number(rowInput)
            if (Number.isInteger(row) && row >= 0) onJump(Math.min(row, Math.max(0, count - 1)))
          }}
        >
          <span className="text-xs text-slate-600">Go to row (of {count.toLocaleString('en-US')})</span>
          <span className="flex gap-2">
            <input aria-label="Row number" type="number" min={0} max={Math.max(0, count - 1)} className={`${inputClass} w-28`} value={rowInput} onChange={(e) => setRowInput(e.target.value)} />
            <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50">
              Go
            </button>
          </span>
        </form>
      </div>
      <ColumnChooser columns={state.columns} onChange={(columns) => onChange({ ...state, columns })} />
    </div>
  )
}

function ColumnChooser({ columns, onChange }: { columns: PreviewColumnId[]; onChange: (columns: PreviewColumnId[]) => void }) {
  const move = (column: PreviewColumnId, by: -1 | 1) => {
    const next = [...columns]
    const at = next.indexOf(column)
    const to = at + by
    if (at < 0 || to < 0 || to >= next.length) return
    ;[next[at], next[to]] = [next[to] as PreviewColumnId, column]
    onChange(next)
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="sr-only">Columns</legend>
      <span className="text-xs text-slate-600">Columns:</span>
      {columns.map((column) => (
        <span key={column} className="flex items-center gap-0.5 rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-xs">
          <button type="button" aria-label={`Move ${columnLabels[column]} left`} onClick={() => move(column, -1)} className="px-0.5 text-slate-500 hover:text-slate-900">
            ‹
          </button>
          {columnLabels[column]}
          <button type="button" aria-label={`Move ${columnLabels[column]} right`} onClick={() => move(column, 1)} className="px-0.5 text-slate-500 hover:text-slate-900">
            ›
          </button>
          <button type="button" aria-label={`Hide ${columnLabels[column]}`} onClick={() => columns.length > 1 && onChange(columns.filter((c) => c !== column))} className="px-0.5 text-slate-500 hover:text-red-700">
            ×
          </button>
        </span>
      ))}
      {previewColumnIds
        .filter((column) => !columns.includes(column))
        .map((column) => (
          <button key={column} type="button" onClick={() => onChange([...columns, column])} className="rounded border border-dashed border-slate-300 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-50">
            + {columnLabels[column]}
          </button>
        ))}
    </fieldset>
  )
}
