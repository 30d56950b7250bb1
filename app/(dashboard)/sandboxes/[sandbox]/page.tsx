import { HydrationBoundary, dehydrate } from '@tanstack/react-query'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { InstanceList } from '@/components/instances/instance-list'
import { AppHeader } from '@/components/layout/app-header'
import { aep } from '@/lib/aep'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { sandboxName } from '@/lib/http/ids'
import type { PageArgs } from '@/lib/http/page-props'
import { listInstances } from '@/lib/instances/list'
import { getQueryClient } from '@/lib/query/get-query-client'
import { instancesQuery, sandboxesQuery } from '@/lib/query/sandboxes'

export const metadata: Metadata = { title: 'Customer AI instances · Score Explorer' }

export default async function SandboxPage({ params }: PageArgs<{ sandbox: string }>) {
  const { sandbox } = await params
  if (!sandboxName.safeParse(sandbox).success) notFound()
  const user = await requireUserOrRedirect(`/sandboxes/${sandbox}`)

  // Prefetch on the server with the same query keys the client uses; a failure is left for the client to show.
  const queryClient = getQueryClient()
  await Promise.all([
    queryClient.prefetchQuery({ ...sandboxesQuery(), queryFn: () => aep().sandboxes.list() }),
    queryClient.prefetchQuery({ ...instancesQuery(sandbox), queryFn: () => listInstances(sandbox) }),
  ])

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppHeader user={user} sandbox={sandbox} />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <h1 className="text-2xl font-semibold text-slate-900">Customer AI instances</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Each instance writes its scores to a dataset named <span className="font-mono">Customer AI Scores - &lt;instance&gt;</span>{' '}
          in sandbox <span className="font-medium">{sandbox}</span>.
        </p>
        <InstanceList sandbox={sandbox} />
      </main>
    </HydrationBoundary>
  )
}
