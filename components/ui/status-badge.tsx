import type { BatchStatus } from '@/lib/aep/types'

const tone: Record<string, string> = {
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  failure: 'bg-red-50 text-red-800 ring-red-600/20',
  failed: 'bg-red-50 text-red-800 ring-red-600/20',
  aborted: 'bg-red-50 text-red-800 ring-red-600/20',
  abandoned: 'bg-red-50 text-red-800 ring-red-600/20',
  processing: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  queued: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  loading: 'bg-amber-50 text-amber-800 ring-amber-600/20',
}

const label: Record<string, string> = { success: 'Success', failure: 'Failed', failed: 'Failed', processing: 'Processing' }

export function StatusBadge({ status }: { status: BatchStatus | string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[status] ?? 'bg-slate-50 text-slate-700 ring-slate-500/20'}`}
    >
      {label[status] ?? status.charAt(0).toUpperCase() + status.slice(1)}
    </span>
  )
}
