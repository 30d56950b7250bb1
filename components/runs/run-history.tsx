'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatBytes, formatCount, formatDateTime, formatDuration } from '@/components/ui/format'
import { TableSkeleton } from '@/components/ui/skeleton'
import { StatusBadge } from '@/components/ui/status-badge'
import { TableFrame, TableHead } from '@/components/ui/table'
import { instanceRunsQuery } from '@/lib/query/runs'
import { isActive } from '@/lib/query/sandboxes'
import type { RunSummary } from '@/lib/runs/types'

const right = 'right' as const
const runColumns = [
  { label: 'Run' },
  { label: 'Status' },
  { label: 'Created' },
  { label: 'Records', align: right },
  { label: 'Size', align: right },
  { label: 'Duration', align: right },
  { label: 'Replaces' },
]

export function RunHistory({ sandbox, datasetId }: { sandbox: string; datasetId: string }) {
  const { data, error, isPending, refetch } = useQuery(instanceRunsQuery(sandbox, datasetId))
  if (isPending) return <TableSkeleton label="Loading scoring runs" />
  if (error) return <ErrorPanel title="The scoring runs could not be listed" error={error} onRetry={() => void refetch()} />

  const latest = data.runs.find((run) => run.isLatestSuccessful)
  const runHref = (id: string) => `/sandboxes/${sandbox}/batches/${id}`
  return (
    <section aria-labelledby="runs-heading">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Scoring runs <span className="text-sm font-normal text-slate-500">({data.runs.length}, newest first)</span>
        </h2>
        {latest ? (
          <Link
            href={runHref(latest.id)}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
          >
            Open the latest successful run
          </Link>
        ) : (
          <p className="text-sm text-slate-600">No run has succeeded yet.</p>
        )}
      </div>
      {data.runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          Customer AI has not written any scores to this dataset yet. The first run can take up to 24 hours after the
          instance is created.
        </p>
      ) : (
        <TableFrame caption={`Scoring runs of ${data.dataset.instanceName ?? data.dataset.name}`}>
            <TableHead columns={runColumns} />
            <tbody className="divide-y divide-slate-100">
              {data.runs.map((run) => (
                <RunRow key={run.id} run={run} href={runHref(run.id)} runHref={runHref} />
              ))}
            </tbody>
        </TableFrame>
      )}
    </section>
  )
}

function RunRow({ run, href, runHref }: { run: RunSummary; href: string; runHref: (id: string) => string }) {
  return (
    <tr data-testid="run-row" className={run.isLatestSuccessful ? 'bg-emerald-50/40' : undefined}>
      <td className="px-4 py-3 align-top">
        <Link href={href} className="font-mono text-xs text-slate-900 underline-offset-2 hover:underline">
          {run.id}
        </Link>
        {run.isLatestSuccessful && (
          <span className="ml-2 inline-block rounded bg-emerald-600 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-white">Latest successful</span>
        )}
        {run.replayReason && <p className="mt-1 text-xs text-slate-500">{run.replayReason}</p>}
        {run.errors.length > 0 && (
          <ul className="mt-1 space-y-0.5 text-xs text-red-800" aria-label="Errors of this run">
            {run.errors.map((error, index) => (
              <li key={index}>
                <span className="font-mono">{error.code}</span> {error.description}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="px-4 py-3 align-top">
        <StatusBadge status={run.status} />
        {isActive(run.status) && <p className="mt-1 text-xs text-amber-700">Still running; this page refreshes.</p>}
      </td>
      <td className="px-4 py-3 align-top whitespace-nowrap text-slate-700">{formatDateTime(run.created)}</td>
      <td className="px-4 py-3 text-right align-top tabular-nums">{formatCount(run.recordCount)}</td>
      <td className="px-4 py-3 text-right align-top tabular-nums">{formatBytes(run.size)}</td>
      <td className="px-4 py-3 text-right align-top tabular-nums">{formatDuration(run.durationMs)}</td>
      <td className="px-4 py-3 align-top text-xs">
        {run.predecessors.map((id) => (
          <Link key={id} href={runHref(id)} className="block font-mono text-slate-600 hover:underline">
            {id}
          </Link>
        ))}
        {run.replacedBy && <span className="block text-slate-500">Replaced by {run.replacedBy.slice(0, 10)}…</span>}
      </td>
    </tr>
  )
}
