'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ExportStatusBadge } from '@/components/exports/export-status-badge'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatDateTime } from '@/components/ui/format'
import { TableSkeleton } from '@/components/ui/skeleton'
import { type Column, TableFrame, TableHead } from '@/components/ui/table'
import type { ExportSummary } from '@/lib/exports/types'
import { exportBatchPath, recentExportsQuery } from '@/lib/query/exports'

interface Props {
  sandbox: string
  /** Only exports of these segments (an instance's); all of the sandbox's when undefined. */
  segmentIds?: string[]
  selectedId?: string
  /** Where "Follow" leads: the same page, following that job. */
  hrefFor: (id: string) => string
  /** Show at most this many, with a link to the whole list. */
  limit?: number
}

/** Exports started from Score Explorer, newest first, as stored; jobs still running are refreshed from Adobe. */
export function RecentExports({ sandbox, segmentIds, selectedId, hrefFor, limit }: Props) {
  const { data, error, isPending, refetch } = useQuery(recentExportsQuery(sandbox))
  if (isPending) return <TableSkeleton rows={2} label="Loading recent exports" />
  if (error) return <ErrorPanel title="Recent exports could not be listed" error={error} onRetry={() => void refetch()} />

  const matching = segmentIds ? data.filter((job) => segmentIds.includes(job.segmentId)) : data
  const jobs = limit === undefined ? matching : matching.slice(0, limit)
  if (jobs.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No exports yet{segmentIds ? ' of these segments' : ` in sandbox ${sandbox}`}. An export started here is listed
        with its state, and stays listed after a restart.
      </p>
    )
  }
  return (
    <TableFrame
      caption="Recent segment exports, newest first"
      footer={
        jobs.length < matching.length && (
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
            The {jobs.length} newest of {matching.length}.{' '}
            <Link href={`/sandboxes/${encodeURIComponent(sandbox)}/exports`} className="font-medium text-slate-800 hover:underline">
              See every export in {sandbox}
            </Link>
          </p>
        )
      }
    >
      <TableHead columns={exportColumns} />
      <tbody className="divide-y divide-slate-100">
        {jobs.map((job) => (
          <ExportRow
            key={job.rowKey}
            sandbox={sandbox}
            job={job}
            selected={job.id === selectedId && job.stale !== 'retired'}
            href={hrefFor(job.id)}
          />
        ))}
      </tbody>
    </TableFrame>
  )
}

const exportColumns: Column[] = ['Job', 'Segment', 'Target dataset', 'Started', 'Status', 'Batch'].map((label) => ({ label }))

const staleNote: Record<NonNullable<ExportSummary['stale']>, string> = {
  unknown: 'Adobe no longer knows this job',
  unreachable: 'Adobe could not be asked just now',
  retired: 'Gone at Adobe: its id now names a newer job',
}

function ExportRow({ sandbox, job, selected, href }: { sandbox: string; job: ExportSummary; selected: boolean; href: string }) {
  return (
    <tr data-testid="export-row" aria-current={selected ? true : undefined} className={selected ? 'bg-sky-50/60' : undefined}>
      <td className="px-4 py-3 align-top">
        {job.stale === 'retired' ? (
          <span className="font-mono text-xs text-slate-500">{job.id}</span>
        ) : (
          <Link href={href} scroll={false} className="font-mono text-xs text-slate-900 underline-offset-2 hover:underline" aria-label={`Follow export job ${job.id}`}>
            {job.id}
          </Link>
        )}
      </td>
      <td className="px-4 py-3 align-top text-slate-900">{job.segmentName}</td>
      <td className="px-4 py-3 align-top font-mono text-xs text-slate-700">{job.datasetId}</td>
      <td className="px-4 py-3 align-top whitespace-nowrap text-slate-700">
        {formatDateTime(job.createdAt)}
        <span className="block text-xs text-slate-500">{job.createdBy}</span>
      </td>
      <td className="px-4 py-3 align-top">
        <ExportStatusBadge status={job.status} />
        {job.stale && (
          <p className="mt-1 text-xs text-amber-700">
            {staleNote[job.stale]}
          </p>
        )}
        {job.error && <p className="mt-1 max-w-xs text-xs text-red-800">{job.error}</p>}
      </td>
      <td className="px-4 py-3 align-top">
        {job.batchId ? (
          <Link href={exportBatchPath(sandbox, job.batchId)} className="font-mono text-xs text-slate-700 hover:underline">
            {job.batchId}
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  )
}
