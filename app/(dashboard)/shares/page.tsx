import { HydrationBoundary, dehydrate } from '@tanstack/react-query'
import type { Metadata } from 'next'
import { AppHeader } from '@/components/layout/app-header'
import { MyLinks } from '@/components/shares/my-links'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { getQueryClient } from '@/lib/query/get-query-client'
import { mySharesQuery } from '@/lib/query/shares'
import { shareStore } from '@/lib/shares'

export const metadata: Metadata = { title: 'My links · Score Explorer' }

/** Every share link the signed-in person created: state, expiry, use, activity, and revoke. */
export default async function MyLinksPage() {
  const user = await requireUserOrRedirect('/shares')

  // Same query key as the client; the list comes straight from the store here, through /api/shares afterwards.
  const queryClient = getQueryClient()
  await queryClient.prefetchQuery({ ...mySharesQuery(), queryFn: async () => (await shareStore()).listByCreator(user.email) })

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">
        <h1 className="text-2xl font-semibold text-slate-900">My links</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Download links you shared, newest first. A link&apos;s address was shown once, when you created it: if it is lost, create
          a new one. Revoking stops a link at once, even in the middle of a download.
        </p>
        <MyLinks />
      </main>
    </HydrationBoundary>
  )
}
