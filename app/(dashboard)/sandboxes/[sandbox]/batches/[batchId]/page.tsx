import { HydrationBoundary, dehydrate } from '@tanstack/react-query'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { RunInsights } from '@/components/insights/run-insights'
import { AppHeader } from '@/components/layout/app-header'
import { RunFiles } from '@/components/runs/run-files'
import { Breadcrumbs } from '@/components/ui/breadcrumbs'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { batchId as batchIdSchema, sandboxName } from '@/lib/http/ids'
import type { PageArgs } from '@/lib/http/page-props'
import { getQueryClient } from '@/lib/query/get-query-client'
import { runFilesQuery } from '@/lib/query/runs'
import { runFiles } from '@/lib/runs/service'

export const metadata: Metadata = { title: 'Scoring run · Score Explorer' }

export default async function RunPage({ params }: PageArgs<{ sandbox: string; batchId: string }>) {
  const { sandbox, batchId } = await params
  if (!sandboxName.safeParse(sandbox).success || !batchIdSchema.safeParse(batchId).success) notFound()
  const user = await requireUserOrRedirect(`/sandboxes/${sandbox}/batches/${batchId}`)

  const queryClient = getQueryClient()
  await queryClient.prefetchQuery({ ...runFilesQuery(sandbox, batchId), queryFn: () => runFiles(sandbox, batchId) })
  const datasetId = queryClient.getQueryData(runFilesQuery(sandbox, batchId).queryKey)?.batch.datasetId

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppHeader user={user} sandbox={sandbox} />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <Breadcrumbs
          items={[
            { label: `Instances in ${sandbox}`, href: `/sandboxes/${sandbox}` },
            ...(datasetId ? [{ label: 'Scoring runs', href: `/sandboxes/${sandbox}/datasets/${datasetId}` }] : []),
            { label: `Run ${batchId}` },
          ]}
        />
        <h1 className="mb-6 text-2xl font-semibold text-slate-900">
          Scoring run <span className="font-mono text-lg">{batchId}</span>
        </h1>
        <RunInsights sandbox={sandbox} batchId={batchId} />
        <RunFiles sandbox={sandbox} batchId={batchId} />
      </main>
    </HydrationBoundary>
  )
}
