'use client'
import type { ExportSegment } from '@/lib/exports/types'

/** One radio per segment, with its rule, so people see which score bucket they export. */
export function SegmentPicker({ segments, value, onChange, disabled }: { segments: ExportSegment[]; value: string | undefined; onChange: (id: string) => void; disabled: boolean }) {
  return (
    <fieldset disabled={disabled}>
      <legend className="text-sm font-medium text-slate-900">1. Choose a segment</legend>
      <ul className="mt-2 space-y-2">
        {segments.map((segment) => (
          <li key={segment.id}>
            <label
              className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400 ${
                value === segment.id ? 'border-slate-900 bg-slate-50' : 'border-slate-200 bg-white hover:bg-slate-50'
              }`}
            >
              <input
                type="radio"
                name="segment"
                value={segment.id}
                checked={value === segment.id}
                onChange={() => onChange(segment.id)}
                className="mt-0.5 focus:outline-none"
              />
              <span>
                <span className="block font-medium text-slate-900">{segment.name}</span>
                {segment.description && <span className="block text-slate-600">{segment.description}</span>}
                {segment.expression && <code className="mt-1 block text-xs break-all text-slate-500">{segment.expression}</code>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  )
}
