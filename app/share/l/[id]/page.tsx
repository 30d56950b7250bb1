import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { AppHeader } from '@/components/layout/app-header'
import { SharedFile } from '@/components/shares/shared-file'
import { SharedRun } from '@/components/shares/shared-run'
import { requireUserOrRedirect } from '@/lib/auth/session'
import { linkId, sharedAccess } from '@/lib/downloads/share-access'
import { fileDetails, runDetails } from '@/lib/downloads/share-details'
import { AppError } from '@/lib/errors'
import { firstParam, type PageArgs } from '@/lib/http/page-props'

export const metadata: Metadata = { title: 'Shared with you · Score Explorer' }

// A share link after its first visit: the token is gone from the address, the grant cookie (scoped to this path)
// stands for it. Checked on every load like every byte request: session, grant, and the link's state now.
export default async function SharedLinkPage({ params, searchParams }: PageArgs<{ id: string }>) {
  const { id } = await params
  if (!linkId.safeParse(id).success) notFound()
  const user = await requireUserOrRedirect(`/share/l/${id}`)
  const { link } = await sharedAccess(id, user, (await headers()).get('cookie')).catch((error: unknown) => {
    if (AppError.is(error) && error.code === 'not_found:share') notFound()
    throw error
  })

  return (
    <>
      <AppHeader user={user} sandbox={link.sandbox} />
      <main className="mx-auto max-w-[96rem] px-6 py-8">
        {link.kind === 'file' ? (
          <SharedFile link={link} details={await fileDetails(link)} />
        ) : (
          <SharedRun link={link} details={await runDetails(link)} part={firstParam((await searchParams).part)} />
        )}
      </main>
    </>
  )
}
