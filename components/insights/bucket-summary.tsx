'use client'
import { useState } from 'react'
import { formatCount } from '@/components/ui/format'
import { bucketCounts, isValidCutoffs } from '@/lib/scores/cells'
import { buckets, defaultCutoffs, type BucketCutoffs } from '@/lib/scores/buckets'
import { bucketLabel, bucketTone, cutoffWords, type Propensity } from './bucket-tone'
import { formatShare } from './number-format'

// Profiles per bucket, under Adobe's default cut-offs or the ones a person types in. Recomputed in the browser from
// the counts per score cell, so any integer cut-offs give exact counts without asking the server again.

interface Props {
  cells: readonly number[]
  cutoffs: BucketCutoffs
  propensity: Propensity
  onCutoffs: (cutoffs: BucketCutoffs) => void
}

export function BucketSummary({ cells, cutoffs, propensity, onCutoffs }: Props) {
  const counts = bucketCounts(cells, cutoffs)
  const total = counts.low + counts.medium + counts.high
  const [draft, setDraft] = useState({ low: String(cutoffs.lowBelow), high: String(cutoffs.highAbove) })
  const typed = { lowBelow: Number(draft.low), highAbove: Number(draft.high) }
  const valid = draft.low.trim() !== '' && draft.high.trim() !== '' && isValidCutoffs(typed)

  function change(next: { low: string; high: string }) {
    setDraft(next)
    const candidate = { lowBelow: Number(next.low), highAbove: Number(next.high) }
    if (next.low.trim() !== '' && next.high.trim() !== '' && isValidCutoffs(candidate)) onCutoffs(candidate)
  }

  const isDefault = cutoffs.lowBelow === defaultCutoffs.lowBelow && cutoffs.highAbove === defaultCutoffs.highAbove
  return (
    <div>
      <ul className="grid grid-cols-3 gap-3" aria-label="Profiles per bucket" data-testid="bucket-counts">
        {buckets.map((bucket) => (
          <li key={bucket} className="rounded-md border border-slate-200 p-3" data-bucket={bucket} data-count={counts[bucket]}>
            <p className="flex items-center gap-2 text-xs tracking-wide text-slate-500 uppercase">
              <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${bucketTone(bucket, propensity).swatch}`} />
              {bucketLabel[bucket]} <span className="normal-case">({cutoffWords(bucket, cutoffs)})</span>
            </p>
            <p className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{formatCount(counts[bucket])}</p>
            <p className="text-xs text-slate-500 tabular-nums">{formatShare(counts[bucket], total)}</p>
          </li>
        ))}
      </ul>
      <fieldset className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <legend className="sr-only">Bucket cut-offs</legend>
        <CutoffField label="Low below" value={draft.low} valid={valid} onChange={(low) => change({ ...draft, low })} />
        <CutoffField label="High above" value={draft.high} valid={valid} onChange={(high) => change({ ...draft, high })} />
        {!isDefault && (
          <button
            type="button"
            onClick={() => change({ low: String(defaultCutoffs.lowBelow), high: String(defaultCutoffs.highAbove) })}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50"
          >
            Adobe&apos;s defaults (25 / 74)
          </button>
        )}
        {!valid && (
          <p role="alert" className="text-xs text-red-700">
            Whole numbers from 0 to 100, with &ldquo;low below&rdquo; no greater than &ldquo;high above&rdquo;.
          </p>
        )}
      </fieldset>
    </div>
  )
}

/** One cut-off: a whole score from 0 to 100, kept as typed until the pair is valid. */
function CutoffField({ label, value, valid, onChange }: { label: string; value: string; valid: boolean; onChange: (value: string) => void }) {
  return (
    <label className="flex flex-col text-xs text-slate-600">
      {label}
      <input
        type="number"
        min={0}
        max={100}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 w-20 rounded-md border border-slate-300 px-2 py-1 text-sm"
        aria-invalid={!valid}
      />
    </label>
  )
}
