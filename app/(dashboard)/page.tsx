import { redirect } from 'next/navigation'
import { aep } from '@/lib/aep'
import { requireUserOrRedirect } from '@/lib/auth/session'

/** `/` opens the organisation's default sandbox. */
export default async function Home() {
  await requireUserOrRedirect('/')
  const sandboxes = await aep().sandboxes.list().catch(() => [])
  const target = sandboxes.find((sandbox) => sandbox.isDefault) ?? sandboxes[0]
  redirect(`/sandboxes/${target?.name ?? 'prod'}`)
}
