'use client'
import { useQuery } from '@tanstack/react-query'
import { LinkRow } from '@/components/shares/link-row'
import { ErrorPanel } from '@/components/ui/error-panel'
import { TableSkeleton } from '@/components/ui/skeleton'
import { mySharesQuery } from '@/lib/query/shares'

export function MyLinks() {
  const { data: links, error, isPending, refetch } = useQuery(mySharesQuery())
  if (isPending) return <TableSkeleton label="Loading your links" />
  if (error) return <ErrorPanel title="Your links could not be loaded" error={error} onRetry={() => void refetch()} />
  if (links.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        You have not shared any links yet. Open a file or a scoring run and choose Share.
      </p>
    )
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Share links you created</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Shared</th>
            <th scope="col" className="px-4 py-3">State</th>
            <th scope="col" className="px-4 py-3">Created</th>
            <th scope="col" className="px-4 py-3">Expires</th>
            <th scope="col" className="px-4 py-3 text-right">Downloads</th>
            <th scope="col" className="px-4 py-3">Last used</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        {links.map((link) => (
          <LinkRow key={link.id} link={link} />
        ))}
      </table>
    </div>
  )
}
