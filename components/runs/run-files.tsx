'use client'
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ShareButton } from '@/components/shares/share-button'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatBytes, formatCount, formatDateTime, formatDuration } from '@/components/ui/format'
import { TableSkeleton } from '@/components/ui/skeleton'
import { StatusBadge } from '@/components/ui/status-badge'
import { TableFrame, TableHead } from '@/components/ui/table'
import { fileUrl, previewPath, runFilesQuery } from '@/lib/query/runs'

const fileColumns = [{ label: '#' }, { label: 'Name' }, { label: 'Size', align: 'right' as const }, { label: 'Actions', hidden: true }]

export function RunFiles({ sandbox, batchId }: { sandbox: string; batchId: string }) {
  const { data, error, isPending, refetch } = useQuery(runFilesQuery(sandbox, batchId))
  if (isPending) return <TableSkeleton label="Loading the run's files" />
  if (error) return <ErrorPanel title="This run could not be loaded" error={error} onRetry={() => void refetch()} />
  const { batch, files, totalSize } = data
  // The preview page learns its run from `batch`, so a link shared from there says which run the file is from.
  const preview = (file: { dataSetFileId: string; name: string }) => `${previewPath(sandbox, file.dataSetFileId, file.name)}&batch=${encodeURIComponent(batchId)}`

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        <Fact label="Status"><StatusBadge status={batch.status} /></Fact>
        <Fact label="Created">{formatDateTime(batch.created)}</Fact>
        <Fact label="Records">{formatCount(batch.recordCount)}</Fact>
        <Fact label="Duration">{formatDuration(batch.durationMs)}</Fact>
        <Fact label="Files">{formatCount(files.length)}</Fact>
        <Fact label="Size">{formatBytes(totalSize || batch.size)}</Fact>
        <Fact label="Replaces">{batch.predecessors.length ? batch.predecessors.join(', ') : '—'}</Fact>
        <Fact label="Batch id from">{batch.idSource === 'key' ? 'Catalog key' : 'relatedObjects'}</Fact>
      </dl>

      {batch.errors.length > 0 && (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-medium">This run failed</p>
          <ul className="mt-1 list-disc pl-5">
            {batch.errors.map((error, index) => (
              <li key={index}>
                <span className="font-mono">{error.code}</span> {error.description}
              </li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="files-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="files-heading" className="text-lg font-semibold">
            Files <span className="text-sm font-normal text-slate-500">({files.length})</span>
          </h2>
          {files.length > 0 && (
            <div className="flex items-center gap-2">
              <ShareButton target={{ kind: 'run', sandbox, batchId }} label="Share run" />
              <a
                href={`/api/sandboxes/${encodeURIComponent(sandbox)}/batches/${encodeURIComponent(batchId)}/download`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                Download all as zip ({formatBytes(totalSize)})
              </a>
            </div>
          )}
        </div>
        {files.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
            {batch.status === 'success' ? 'This run lists no files.' : `This run is ${batch.status}: only successful runs have files.`}
          </p>
        ) : (
          <TableFrame caption={`Part files of run ${batchId}`}>
            <TableHead columns={fileColumns} />
              <tbody className="divide-y divide-slate-100">
                {files.map((file, index) => (
                  <tr key={`${file.dataSetFileId}/${file.name}`} data-testid="file-row">
                    <td className="px-4 py-2 text-slate-500 tabular-nums">{index + 1}</td>
                    <td className="px-4 py-2 font-mono text-xs break-all">
                      <Link href={preview(file)} className="hover:underline">
                        {file.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatBytes(file.size)}</td>
                    <td className="px-4 py-2 text-right whitespace-nowrap">
                      <Link href={preview(file)} className="mr-3 text-sm font-medium text-slate-700 hover:underline">
                        Preview
                      </Link>
                      <a href={fileUrl(sandbox, file.dataSetFileId, file.name, true)} download={file.name} className="mr-3 text-sm font-medium text-slate-700 hover:underline">
                        Download
                      </a>
                      <ShareButton
                        target={{ kind: 'file', sandbox, dataSetFileId: file.dataSetFileId, path: file.name, batchId }}
                        className="text-sm font-medium text-slate-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
          </TableFrame>
        )}
      </section>
    </div>
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 break-all text-slate-900">{children}</dd>
    </div>
  )
}
