'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ExportForm } from '@/components/exports/export-form'
import { ExportProgress } from '@/components/exports/export-progress'
import { RecentExports } from '@/components/exports/recent-exports'
import { useWatchedExport } from '@/components/exports/use-watched-export'
import { ErrorPanel } from '@/components/ui/error-panel'
import { TableSkeleton } from '@/components/ui/skeleton'
import { instanceSegmentsQuery } from '@/lib/query/exports'

/**
 * The second path of Adobe's download-scores guide, on the instance page: export one of the instance's segments to
 * a dataset, follow the job, then browse the batch it wrote like any run.
 */
export function ExportPanel({ sandbox, datasetId }: { sandbox: string; datasetId: string }) {
  const { data, error, isPending, refetch } = useQuery(instanceSegmentsQuery(sandbox, datasetId))
  const { exportId, hrefFor, watch } = useWatchedExport()

  return (
    <section aria-labelledby="export-heading" className="mt-10 space-y-4" data-testid="export-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export a segment to a dataset
        </h2>
        <Link href={`/sandboxes/${encodeURIComponent(sandbox)}/exports`} className="text-sm text-slate-600 hover:text-slate-900 hover:underline">
          All exports in {sandbox}
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        Adobe’s second way to get scores: a segment built on this instance’s score buckets is exported into a dataset,
        and the batch the export writes can be browsed, previewed and downloaded like a scoring run.
      </p>

      {isPending && <TableSkeleton rows={3} label="Loading this instance’s segments" />}
      {error && <ErrorPanel title="This instance’s segments could not be listed" error={error} onRetry={() => void refetch()} />}
      {data?.unavailableReason && (
        <div role="note" data-testid="export-unavailable" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-medium">Export is not available for {data.instance.name}</p>
          <p className="mt-1">{data.unavailableReason}</p>
        </div>
      )}
      {data && !data.unavailableReason && data.segments.length === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No segment reads {data.instance.name}’s scores yet. In Adobe Experience Platform, open the instance’s insights
          and use “Create segment” on a score bucket; the segment then appears here.
        </p>
      )}
      {data && !data.unavailableReason && data.segments.length > 0 && (
        <>
          <div className="rounded-lg border border-slate-200 bg-slate-50/50 p-4">
            <ExportForm sandbox={sandbox} segments={data.segments} onStarted={watch} />
          </div>
          {exportId && <ExportProgress sandbox={sandbox} exportId={exportId} closeHref={hrefFor(undefined)} />}
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Recent exports of these segments</h3>
            <RecentExports
              sandbox={sandbox}
              segmentIds={data.segments.map((segment) => segment.id)}
              selectedId={exportId}
              hrefFor={hrefFor}
              limit={10}
            />
          </div>
        </>
      )}
    </section>
  )
}
