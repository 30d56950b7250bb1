import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { Suspense } from 'react'
import { AppHeader } from '@/components/layout/app-header'
import { FilePreview } from '@/components/preview/file-preview'
import { ShareButton } from '@/components/shares/share-button'
import { Breadcrumbs } from '@/components/ui/breadcrumbs'
import { formatBytes } from '@/components/ui/format'
import { aep } from '@/lib/aep'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'
import { partFileName } from '@/lib/http/file-name'
import { batchId as batchIdSchema, dataSetFileId as dataSetFileIdSchema, sandboxName } from '@/lib/http/ids'
import { firstParam, type PageArgs } from '@/lib/http/page-props'
import { fileUrl } from '@/lib/query/runs'

export const metadata: Metadata = { title: 'File preview · Score Explorer' }

export default async function FilePage({ params, searchParams }: PageArgs<{ sandbox: string; dataSetFileId: string }>) {
  const { sandbox, dataSetFileId } = await params
  const query = await searchParams
  const path = firstParam(query.path)
  // The run the file belongs to, when the run page linked here: a share link then says which run it is from.
  const batch = batchIdSchema.safeParse(firstParam(query.batch))
  if (!sandboxName.safeParse(sandbox).success || !dataSetFileIdSchema.safeParse(dataSetFileId).success || !partFileName.safeParse(path).success || !path) notFound()
  const user = await requireUserOrRedirect(
    `/sandboxes/${sandbox}/files/${dataSetFileId}?path=${encodeURIComponent(path)}${batch.success ? `&batch=${batch.data}` : ''}`,
  )

  // The size is learnt once here, on the server, so the browser's reader needs no HEAD of its own.
  const head = await aep()
    .dataAccess.headFile(sandbox, dataSetFileId, path)
    .catch((error: unknown) => {
      if (AppError.is(error) && error.type === 'not_found') notFound()
      throw error
    })

  return (
    <>
      <AppHeader user={user} sandbox={sandbox} />
      <main className="mx-auto max-w-[96rem] px-6 py-8">
        <Breadcrumbs items={[{ label: `Instances in ${sandbox}`, href: `/sandboxes/${sandbox}` }, { label: 'File' }]} />
        <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="font-mono text-base font-semibold break-all text-slate-900">{path}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {formatBytes(head.size)} · dataset file <span className="font-mono text-xs">{dataSetFileId}</span>
            </p>
          </div>
          <div className="flex items-center gap-2">
            <ShareButton target={{ kind: 'file', sandbox, dataSetFileId, path, batchId: batch.success ? batch.data : undefined }} />
            <a
              href={fileUrl(sandbox, dataSetFileId, path, true)}
              download={path}
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
            >
              Download ({formatBytes(head.size)})
            </a>
          </div>
        </div>
        <Suspense fallback={<p className="text-sm text-slate-600">Opening the file…</p>}>
          <FilePreview fileUrl={fileUrl(sandbox, dataSetFileId, path)} byteLength={head.size} fileName={path} />
        </Suspense>
      </main>
    </>
  )
}
