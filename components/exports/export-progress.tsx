'use client'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import Link from 'next/link'
import { useEffect } from 'react'
import { ExportStatusBadge } from '@/components/exports/export-status-badge'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatDateTime } from '@/components/ui/format'
import { type ProgressStep, progressSteps, worthFollowing } from '@/lib/exports/status'
import { exportBatchPath, exportJobQuery, recentExportsQuery } from '@/lib/query/exports'

/** Follows one export job until Adobe says SUCCEEDED or FAILED, then offers the batch it wrote. */
export function ExportProgress({ sandbox, exportId, closeHref }: { sandbox: string; exportId: string; closeHref: string }) {
  const { data: job, error, isPending, refetch } = useQuery(exportJobQuery(sandbox, exportId))
  const queryClient = useQueryClient()
  // What this view just learnt is true for the list below it too: no waiting for the list's own next look.
  useEffect(() => {
    if (!job) return
    queryClient.setQueryData(recentExportsQuery(sandbox).queryKey, (jobs) =>
      jobs?.map((listed) => (listed.rowKey === job.rowKey ? job : listed)),
    )
  }, [job, queryClient, sandbox])

  return (
    <section aria-labelledby="export-progress-heading" data-testid="export-progress" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id="export-progress-heading" className="font-semibold text-slate-900">
            Export job <span className="font-mono">{exportId}</span>
          </h3>
          {job && (
            <p className="mt-0.5 text-sm text-slate-600">
              {job.segmentName} → dataset <span className="font-mono text-xs">{job.datasetId}</span> · started{' '}
              {formatDateTime(job.createdAt)} by {job.createdBy}
            </p>
          )}
        </div>
        <div className="flex items-center gap-3">
          {job && <ExportStatusBadge status={job.status} />}
          <Link href={closeHref} scroll={false} className="text-sm text-slate-600 hover:text-slate-900 hover:underline">
            Close
          </Link>
        </div>
      </div>

      {isPending && <p className="mt-3 animate-pulse text-sm text-slate-500">Asking Adobe about the job…</p>}
      {/* A failed refresh keeps the last answer on screen; the error says why it is not moving. */}
      {error && (
        <div className="mt-3">
          <ErrorPanel title="Adobe could not be asked about this export just now" error={error} onRetry={() => void refetch()} />
        </div>
      )}
      {job && (
        <>
          <ol className="mt-4 space-y-2" aria-label="Progress of the export job">
            {progressSteps(job.status).map((step) => (
              <Step key={step.status} step={step} />
            ))}
          </ol>
          <p aria-live="polite" className="sr-only">
            Export job {exportId} is {job.status}.
          </p>
          {job.stale === 'unknown' && (
            <p className="mt-3 text-sm text-amber-800">
              Adobe no longer knows this job; the status shown is the last one Score Explorer saw.
            </p>
          )}
          {job.status === 'FAILED' && (
            <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <p className="font-medium">The export failed</p>
              <p className="mt-1" data-testid="export-error">
                {job.error ?? 'Adobe marked the export as failed without giving a reason.'}
              </p>
            </div>
          )}
          {job.status === 'SUCCEEDED' &&
            (job.batchId ? (
              <Link
                href={exportBatchPath(sandbox, job.batchId)}
                className="mt-4 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                Open the exported batch
              </Link>
            ) : (
              <p className="mt-4 text-sm text-slate-600">Adobe reports success but names no batch.</p>
            ))}
          {worthFollowing(job) && <p className="mt-3 text-xs text-slate-500">Checking with Adobe every second.</p>}
        </>
      )}
    </section>
  )
}

const marker: Record<ProgressStep['state'], { symbol: string; className: string; words: string }> = {
  done: { symbol: '✓', className: 'bg-emerald-600 text-white', words: 'done' },
  current: { symbol: '•', className: 'animate-pulse bg-amber-500 text-white', words: 'in progress' },
  upcoming: { symbol: '', className: 'border border-slate-300 bg-white', words: 'not yet' },
  failed: { symbol: '✕', className: 'bg-red-600 text-white', words: 'failed' },
}

function Step({ step }: { step: ProgressStep }) {
  const { symbol, className, words } = marker[step.state]
  return (
    <li className="flex items-center gap-3 text-sm" aria-current={step.state === 'current' ? 'step' : undefined} data-state={step.state}>
      <span aria-hidden="true" className={`flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs ${className}`}>
        {symbol}
      </span>
      <span className="font-mono text-xs text-slate-700">{step.status}</span>
      <span className={step.state === 'upcoming' ? 'text-slate-500' : 'text-slate-900'}>{step.title}</span>
      <span className="sr-only">({words})</span>
    </li>
  )
}
