import type { ShareState } from '@/lib/shares/types'

const tone: Record<ShareState, string> = {
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  expired: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  revoked: 'bg-red-50 text-red-800 ring-red-600/20',
}

const label: Record<ShareState, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' }

export function ShareStateBadge({ state }: { state: ShareState }) {
  return (
    <span data-testid="share-state" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[state]}`}>
      {label[state]}
    </span>
  )
}
