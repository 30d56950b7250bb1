import type { PropensityType } from '@/lib/instances/types'

export function PropensityBadge({ type, unreadable }: { type: PropensityType | undefined; unreadable?: boolean }) {
  if (unreadable) return <span className="text-xs text-amber-700" title="Adobe did not answer when we read the latest run's scores; reload to try again">Not read yet</span>
  if (!type) return <span className="text-xs text-slate-500" title="No successful run to read it from yet">Unknown</span>
  const churn = type === 'churn'
  return (
    <span
      className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ${churn ? 'bg-rose-100 text-rose-800' : 'bg-sky-100 text-sky-800'}`}
    >
      {churn ? 'Churn' : 'Conversion'}
    </span>
  )
}
