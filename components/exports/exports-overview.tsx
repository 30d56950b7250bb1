'use client'
import { ExportProgress } from '@/components/exports/export-progress'
import { RecentExports } from '@/components/exports/recent-exports'
import { useWatchedExport } from '@/components/exports/use-watched-export'

/** Every export of the sandbox started from Score Explorer, and the one being followed, if any. */
export function ExportsOverview({ sandbox }: { sandbox: string }) {
  const { exportId, hrefFor } = useWatchedExport()
  return (
    <div className="space-y-6">
      {exportId && <ExportProgress sandbox={sandbox} exportId={exportId} closeHref={hrefFor(undefined)} />}
      <RecentExports sandbox={sandbox} selectedId={exportId} hrefFor={hrefFor} />
    </div>
  )
}
