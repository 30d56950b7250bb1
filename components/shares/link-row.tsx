'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { AuditTrail } from '@/components/shares/audit-trail'
import { ShareStateBadge } from '@/components/shares/share-state-badge'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatCount, formatDateTime } from '@/components/ui/format'
import { mySharesKey, revokeShare, shareAuditQuery } from '@/lib/query/shares'
import type { ShareLink } from '@/lib/shares/types'

/** One link: what it opens, its state and use, its activity (expandable) and a one-click revoke. */
export function LinkRow({ link }: { link: ShareLink }) {
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const activityId = useId()
  const revoke = useMutation({
    mutationFn: () => revokeShare(link.id),
    onSuccess: (revoked) => {
      queryClient.setQueryData<ShareLink[]>(mySharesKey, (links) => links?.map((candidate) => (candidate.id === revoked.id ? revoked : candidate)))
      void queryClient.invalidateQueries({ queryKey: shareAuditQuery(link.id).queryKey })
    },
  })
  const what = link.kind === 'file' ? link.path : `Run ${link.batchId} (zip)`

  return (
    <tbody className="border-t border-slate-100" data-testid="share-row" data-link-id={link.id}>
      <tr>
        {/* Part names run to 80 characters: room for them in a few lines rather than six; dates wrap instead. */}
        <td className="min-w-[18rem] px-4 py-2">
          <span className="block font-mono text-xs break-all">{what}</span>
          <span className="text-xs text-slate-500">
            {link.kind === 'file' ? 'File' : 'Whole run'} in {link.sandbox}
          </span>
        </td>
        <td className="px-4 py-2">
          <ShareStateBadge state={link.state} />
        </td>
        <td className="min-w-[8.5rem] px-4 py-2">{formatDateTime(link.createdAt)}</td>
        <td className="min-w-[8.5rem] px-4 py-2">{formatDateTime(link.revokedAt ?? link.expiresAt)}</td>
        <td className="px-4 py-2 text-right tabular-nums" data-testid="share-downloads">
          {formatCount(link.downloadCount)}
        </td>
        <td className="min-w-[8.5rem] px-4 py-2">{link.lastUsedAt === null ? 'Never' : formatDateTime(link.lastUsedAt)}</td>
        <td className="px-4 py-2 text-right whitespace-nowrap">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={activityId}
            onClick={() => setOpen((current) => !current)}
            className="mr-2 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
          >
            {open ? 'Hide activity' : 'Activity'}
          </button>
          {link.state === 'active' && (
            <button
              type="button"
              onClick={() => revoke.mutate()}
              disabled={revoke.isPending}
              aria-busy={revoke.isPending}
              className="rounded-md border border-red-300 bg-white px-2 py-1 text-sm font-medium text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-50"
            >
              {revoke.isPending ? 'Revoking…' : 'Revoke'}
            </button>
          )}
        </td>
      </tr>
      {revoke.error && (
        <tr>
          <td colSpan={7} className="px-4 pb-3">
            <ErrorPanel title="The link could not be revoked" error={revoke.error} onRetry={() => revoke.mutate()} />
          </td>
        </tr>
      )}
      {open && (
        <tr id={activityId}>
          <td colSpan={7} className="bg-slate-50 px-4 py-3">
            <AuditTrail linkId={link.id} />
          </td>
        </tr>
      )}
    </tbody>
  )
}
