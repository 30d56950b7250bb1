import { HydrationBoundary, dehydrate } from '@tanstack/react-query'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ExportPanel } from '@/components/exports/export-panel'
import { AppHeader } from '@/components/layout/app-header'
import { RunHistory } from '@/components/runs/run-history'
import { Breadcrumbs } from '@/components/ui/breadcrumbs'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { datasetId as datasetIdSchema, sandboxName } from '@/lib/http/ids'
import type { PageArgs } from '@/lib/http/page-props'
import { getQueryClient } from '@/lib/query/get-query-client'
import { instanceRunsQuery } from '@/lib/query/runs'
import { instanceRuns } from '@/lib/runs/service'

export const metadata: Metadata = { title: 'Scoring runs · Score Explorer' }

export default async function InstancePage({ params }: PageArgs<{ sandbox: string; datasetId: string }>) {
  const { sandbox, datasetId } = await params
  if (!sandboxName.safeParse(sandbox).success || !datasetIdSchema.safeParse(datasetId).success) notFound()
  const user = await requireUserOrRedirect(`/sandboxes/${sandbox}/datasets/${datasetId}`)

  const queryClient = getQueryClient()
  await queryClient.prefetchQuery({ ...instanceRunsQuery(sandbox, datasetId), queryFn: () => instanceRuns(sandbox, datasetId) })
  const data = queryClient.getQueryData(instanceRunsQuery(sandbox, datasetId).queryKey)
  const title = data?.dataset.instanceName ?? data?.dataset.name ?? 'Customer AI instance'

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppHeader user={user} sandbox={sandbox} />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <Breadcrumbs items={[{ label: `Instances in ${sandbox}`, href: `/sandboxes/${sandbox}` }, { label: title }]} />
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Output dataset <span className="font-mono">{data?.dataset.name ?? datasetId}</span> ·{' '}
          <span className="font-mono text-xs">{datasetId}</span>
        </p>
        <RunHistory sandbox={sandbox} datasetId={datasetId} />
        <ExportPanel sandbox={sandbox} datasetId={datasetId} />
      </main>
    </HydrationBoundary>
  )
}
