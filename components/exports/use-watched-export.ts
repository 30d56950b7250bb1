'use client'
import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useCallback } from 'react'

/**
 * The export being followed lives in the address (`?export=<job id>`), like all view state here: a reload or a
 * pasted link opens the same progress view.
 */
export function useWatchedExport(): { exportId: string | undefined; hrefFor: (id: string | undefined) => string; watch: (id: string | undefined) => void } {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const raw = searchParams.get('export') ?? undefined
  const exportId = raw && /^\d{1,18}$/.test(raw) ? raw : undefined

  const hrefFor = useCallback(
    (id: string | undefined) => {
      const next = new URLSearchParams(searchParams.toString())
      if (id) next.set('export', id)
      else next.delete('export')
      const query = next.toString()
      return query ? `${pathname}?${query}` : pathname
    },
    [pathname, searchParams],
  )
  const watch = useCallback((id: string | undefined) => router.replace(hrefFor(id), { scroll: false }), [router, hrefFor])
  return { exportId, hrefFor, watch }
}
