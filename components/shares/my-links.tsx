'use client'
import { useQuery } from '@tanstack/react-query'
import { LinkRow } from '@/components/shares/link-row'
import { ErrorPanel } from '@/components/ui/error-panel'
import { TableSkeleton } from '@/components/ui/skeleton'
import { type Column, TableFrame, TableHead } from '@/components/ui/table'
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
    <TableFrame caption="Share links you created">
      <TableHead columns={linkColumns} />
      {links.map((link) => (
        <LinkRow key={link.id} link={link} />
      ))}
    </TableFrame>
  )
}

const linkColumns: Column[] = [
  { label: 'Shared' },
  { label: 'State' },
  { label: 'Created' },
  { label: 'Expires' },
  { label: 'Downloads', align: 'right' },
  { label: 'Last used' },
  { label: 'Actions', hidden: true },
]
