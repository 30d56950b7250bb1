import type { Metadata } from 'next'
import type { ReactNode } from 'react'

// Pages reached through a share link. They depend on who asks and on the link's state at this moment: never
// prerendered, never cached. next.config.mjs adds Referrer-Policy: no-referrer and X-Robots-Tag: noindex to their
// responses; the same rules are repeated in the document for any copy saved outside the browser.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

export default function ShareLayout({ children }: { children: ReactNode }) {
  return children
}
