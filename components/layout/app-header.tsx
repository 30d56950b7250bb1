import Link from 'next/link'
import { SignOutButton } from '@/components/auth/sign-out-button'
import { SandboxSwitcher } from '@/components/layout/sandbox-switcher'
import type { SignedInUser } from '@/lib/auth/session'

/** `sandbox` is left out on pages that span sandboxes (My links): no switcher then, and the title goes home. */
export function AppHeader({ user, sandbox }: { user: SignedInUser; sandbox?: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <div className="flex items-center gap-6">
          <Link href={sandbox ? `/sandboxes/${sandbox}` : '/'} className="font-semibold text-slate-900">
            Score Explorer
          </Link>
          {sandbox && <SandboxSwitcher current={sandbox} />}
        </div>
        <div className="flex items-center gap-3 text-sm">
          <Link href="/shares" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400">
            My links
          </Link>
          <span data-testid="signed-in-user" className="text-slate-700">
            {user.name ? `${user.name} · ` : ''}
            {user.email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  )
}
