import type { ExportStatus } from '@/lib/exports/types'

// Adobe's own words for the job's state (NEW, PROCESSING, SUCCEEDED, FAILED), so what people see here matches what
// they read in Adobe's docs and API; the colour says the rest.
const tone: Record<ExportStatus, string> = {
  NEW: 'bg-slate-50 text-slate-700 ring-slate-500/20',
  PROCESSING: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  SUCCEEDED: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  FAILED: 'bg-red-50 text-red-800 ring-red-600/20',
}

export function ExportStatusBadge({ status }: { status: ExportStatus }) {
  return (
    <span
      data-testid="export-status"
      className={`inline-flex items-center rounded-full px-2 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {status}
    </span>
  )
}
