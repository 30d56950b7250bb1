'use client'
import { QueryClientProvider } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { getQueryClient } from '@/lib/query/get-query-client'

// zod probes `new Function` to decide whether it may compile schemas, which the page's CSP (no unsafe-eval) reports
// as a violation. Schemas built in the browser are few and small: interpreting them is plenty.
z.config({ jitless: true })

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient()
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
