import type { ReactNode } from 'react'

// Everything behind sign-in depends on who asks and on Adobe's live data: never prerendered, never cached.
export const dynamic = 'force-dynamic'

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return children
}
