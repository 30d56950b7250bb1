import { Suspense } from 'react'
import { FilePreview } from '@/components/preview/file-preview'
import { DownloadLink } from '@/components/shares/download-link'
import { ShareFacts } from '@/components/shares/share-facts'
import { SharedHeading } from '@/components/shares/shared-heading'
import { formatBytes, formatDateTime } from '@/components/ui/format'
import type { FileDetails, FileLink } from '@/lib/downloads/share-details'
import { sharedFileUrl } from '@/lib/query/shares'

/** One shared part file: what it is, its first rows (read through the share's bytes route), and a download. */
export function SharedFile({ link, details }: { link: FileLink; details: FileDetails }) {
  const { size, run } = details
  return (
    <>
      <SharedHeading title={link.path} createdBy={link.createdBy} expiresAt={link.expiresAt} />
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <ShareFacts
          facts={[
            { label: 'Size', value: formatBytes(size) },
            { label: 'Instance', value: run?.instance ?? '—' },
            { label: 'Run', value: run ? <span className="font-mono text-xs">{run.batch.id}</span> : '—' },
            { label: 'Run created', value: run ? formatDateTime(run.batch.created) : '—' },
            { label: 'Sandbox', value: link.sandbox },
            { label: 'Dataset file', value: <span className="font-mono text-xs">{link.dataSetFileId}</span> },
          ]}
        />
        {size !== undefined && (
          <DownloadLink href={sharedFileUrl(link.id, { download: true })} fileName={link.path} label={`Download (${formatBytes(size)})`} />
        )}
      </div>
      {size === undefined ? (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          Adobe no longer has this file: the run it came from may have been deleted. Ask {link.createdBy} for a newer one.
        </p>
      ) : (
        <Suspense fallback={<p className="text-sm text-slate-600">Opening the file…</p>}>
          <FilePreview fileUrl={sharedFileUrl(link.id)} byteLength={size} fileName={link.path} />
        </Suspense>
      )}
    </>
  )
}
