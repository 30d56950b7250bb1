import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { Providers } from '@/components/providers'
import './globals.css'

// Every page, the 404 included, is rendered per request: the CSP nonce proxy.ts makes must reach its scripts.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Score Explorer',
  description: 'Customer AI scores from Adobe Experience Platform, without the four API calls.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
