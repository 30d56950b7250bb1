'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { PropensityBadge } from '@/components/instances/propensity-badge'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatCount, formatDateTime } from '@/components/ui/format'
import { TableSkeleton } from '@/components/ui/skeleton'
import { TableFrame, TableHead } from '@/components/ui/table'
import { StatusBadge } from '@/components/ui/status-badge'
import { instancesQuery } from '@/lib/query/sandboxes'

const instanceColumns = [
  { label: 'Instance' },
  { label: 'Propensity' },
  { label: 'Last run' },
  { label: 'Status' },
  { label: 'Profiles scored', align: 'right' as const },
]

export function InstanceList({ sandbox }: { sandbox: string }) {
  const { data, error, isPending, refetch, isFetching } = useQuery(instancesQuery(sandbox))

  if (isPending) return <TableSkeleton rows={3} label="Loading instances" />
  if (error) return <ErrorPanel title="Customer AI instances could not be listed" error={error} onRetry={() => void refetch()} />
  if (data.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium text-slate-900">No Customer AI instances in sandbox {sandbox}</p>
        <p className="mt-1 text-sm text-slate-600">
          An instance appears here once Customer AI has written scores to its output dataset,{' '}
          <span className="font-mono">Customer AI Scores - &lt;instance&gt;</span>. Try another sandbox above.
        </p>
      </div>
    )
  }

  return (
    <TableFrame caption={`Customer AI instances in sandbox ${sandbox}`} busy={isFetching}>
        <TableHead columns={instanceColumns} />
        <tbody className="divide-y divide-slate-100">
          {data.map((instance) => (
            <tr key={instance.datasetId} className="hover:bg-slate-50" data-testid="instance-row">
              <td className="px-4 py-3">
                <Link
                  href={`/sandboxes/${sandbox}/datasets/${instance.datasetId}`}
                  className="font-medium text-slate-900 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
                >
                  {instance.name}
                </Link>
                {instance.profileEnabled && <span className="ml-2 text-xs text-slate-500">Profile-enabled</span>}
              </td>
              <td className="px-4 py-3">
                <PropensityBadge type={instance.propensityType} unreadable={instance.propensityUnreadable} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatDateTime(instance.lastRun?.created)}</td>
              <td className="px-4 py-3">{instance.lastRun ? <StatusBadge status={instance.lastRun.status} /> : <span className="text-slate-500">No runs yet</span>}</td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-700">
                {formatCount(instance.latestSuccessfulRun?.recordCount)}
              </td>
            </tr>
          ))}
        </tbody>
    </TableFrame>
  )
}
