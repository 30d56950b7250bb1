'use client'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useCallback } from 'react'
import { readInsightsView, writeInsightsView, type InsightsView } from '@/lib/insights/url-state'

/** The insights' view state (top N, cut-offs), read from and written to the address. */
export function useInsightsView(): { view: InsightsView; setView: (next: InsightsView) => void } {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const view = readInsightsView(new URLSearchParams(searchParams.toString()))
  const setView = useCallback(
    (next: InsightsView) => {
      const query = writeInsightsView(new URLSearchParams(searchParams.toString()), next).toString()
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false })
    },
    [router, pathname, searchParams],
  )
  return { view, setView }
}
