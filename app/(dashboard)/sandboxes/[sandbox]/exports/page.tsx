import { HydrationBoundary, dehydrate } from '@tanstack/react-query'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ExportsOverview } from '@/components/exports/exports-overview'
import { AppHeader } from '@/components/layout/app-header'
import { Breadcrumbs } from '@/components/ui/breadcrumbs'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { recentExports } from '@/lib/exports/refresh'
import { sandboxName } from '@/lib/http/ids'
import type { PageArgs } from '@/lib/http/page-props'
import { recentExportsQuery } from '@/lib/query/exports'
import { getQueryClient } from '@/lib/query/get-query-client'

export const metadata: Metadata = { title: 'Segment exports · Score Explorer' }

export default async function ExportsPage({ params }: PageArgs<{ sandbox: string }>) {
  const { sandbox } = await params
  if (!sandboxName.safeParse(sandbox).success) notFound()
  const user = await requireUserOrRedirect(`/sandboxes/${sandbox}/exports`)

  // Same query key as the client; a failure is left for the client to show with a retry.
  const queryClient = getQueryClient()
  await queryClient.prefetchQuery({ ...recentExportsQuery(sandbox), queryFn: () => recentExports(sandbox) })

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppHeader user={user} sandbox={sandbox} />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <Breadcrumbs items={[{ label: `Instances in ${sandbox}`, href: `/sandboxes/${sandbox}` }, { label: 'Segment exports' }]} />
        <h1 className="text-2xl font-semibold text-slate-900">Segment exports</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Exports of Customer AI segments started from Score Explorer in sandbox <span className="font-medium">{sandbox}</span>,
          newest first. Start one from an instance whose scores are enabled for Profile.
        </p>
        <ExportsOverview sandbox={sandbox} />
      </main>
    </HydrationBoundary>
  )
}
