import Link from 'next/link'
import { Suspense } from 'react'
import { FilePreview } from '@/components/preview/file-preview'
import { DownloadLink } from '@/components/shares/download-link'
import { ShareFacts } from '@/components/shares/share-facts'
import { SharedHeading } from '@/components/shares/shared-heading'
import { formatBytes, formatCount, formatDateTime } from '@/components/ui/format'
import type { RunDetails, RunLink } from '@/lib/downloads/share-details'
import { sharedFileUrl, sharedZipUrl } from '@/lib/query/shares'

/**
 * A shared run: what it is, its files (each downloadable on its own), the whole run as one zip, and the first rows
 * of one part (`?part=N`, the first by default).
 */
export function SharedRun({ link, details, part }: { link: RunLink; details: RunDetails | undefined; part: string | undefined }) {
  if (!details) {
    return (
      <>
        <SharedHeading title={`Run ${link.batchId}`} createdBy={link.createdBy} expiresAt={link.expiresAt} />
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          Adobe no longer has this run. Ask {link.createdBy} for a newer one.
        </p>
      </>
    )
  }
  const { batch, files, totalSize, instance } = details
  const index = Math.min(Math.max(0, Number.parseInt(part ?? '0', 10) || 0), Math.max(0, files.length - 1))
  const shown = files[index]

  return (
    <>
      <SharedHeading title={`Run ${link.batchId}`} createdBy={link.createdBy} expiresAt={link.expiresAt} />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <ShareFacts
          facts={[
            { label: 'Instance', value: instance ?? '—' },
            { label: 'Run created', value: formatDateTime(batch.created) },
            { label: 'Records', value: formatCount(batch.recordCount) },
            { label: 'Files', value: formatCount(files.length) },
            { label: 'Size', value: formatBytes(totalSize) },
            { label: 'Sandbox', value: link.sandbox },
          ]}
        />
        {files.length > 0 && <DownloadLink href={sharedZipUrl(link.id)} fileName={`${link.batchId}.zip`} label={`Download all as zip (${formatBytes(totalSize)})`} />}
      </div>

      <section aria-labelledby="shared-files-heading" className="mb-8">
        <h2 id="shared-files-heading" className="mb-3 text-lg font-semibold">
          Files <span className="text-sm font-normal text-slate-500">({files.length})</span>
        </h2>
        {files.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">This run lists no files.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {files.map((file, position) => (
              <li key={`${file.dataSetFileId}/${file.name}`} data-testid="shared-file-row" className="flex flex-wrap items-center justify-between gap-3 px-4 py-2">
                <span className="font-mono text-xs break-all">{file.name}</span>
                <span className="flex items-center gap-3 whitespace-nowrap">
                  <span className="tabular-nums text-slate-600">{formatBytes(file.size)}</span>
                  {position === index ? (
                    <span aria-current="true" className="text-sm text-slate-500">Previewed below</span>
                  ) : (
                    <Link href={`/share/l/${encodeURIComponent(link.id)}?part=${position}`} className="text-sm font-medium text-slate-700 hover:underline">
                      Preview
                    </Link>
                  )}
                  <a href={sharedFileUrl(link.id, { part: file, download: true })} download={file.name} className="text-sm font-medium text-slate-700 hover:underline">
                    Download
                  </a>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {shown && (
        <section aria-label={`Preview of ${shown.name}`}>
          <h2 className="mb-3 font-mono text-sm font-semibold break-all">{shown.name}</h2>
          <Suspense fallback={<p className="text-sm text-slate-600">Opening the file…</p>}>
            <FilePreview key={index} fileUrl={sharedFileUrl(link.id, { part: shown })} byteLength={shown.size} fileName={shown.name} />
          </Suspense>
        </section>
      )}
    </>
  )
}
