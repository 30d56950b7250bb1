'use client'
import { useQuery } from '@tanstack/react-query'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatBytes, formatDateTime } from '@/components/ui/format'
import { shareAuditQuery } from '@/lib/query/shares'
import type { ShareAuditEntry, ShareEvent } from '@/lib/shares/types'

const eventLabel: Record<ShareEvent, string> = {
  create: 'Created',
  open: 'Opened',
  download: 'Downloaded',
  denied: 'Refused',
  revoke: 'Revoked',
}

const reasonLabel: Record<string, string> = {
  expired: 'the link had expired',
  revoked: 'the link was revoked',
  unknown: 'no such link',
  malformed: 'not a link',
  'not-in-organisation': 'outside the organisation',
  'not-creator': 'only the creator may do that',
}

function detail(entry: ShareAuditEntry): string {
  if (entry.event === 'denied') return entry.reason ? (reasonLabel[entry.reason] ?? entry.reason) : ''
  if (entry.event === 'download') return [entry.bytes === null ? undefined : formatBytes(entry.bytes), entry.status === null ? undefined : `HTTP ${entry.status}`].filter(Boolean).join(' · ')
  return ''
}

/** Who did what to a link, and when: creation, opening, downloads, refusals, revocation. Never a token. */
export function AuditTrail({ linkId }: { linkId: string }) {
  const { data: entries, error, isPending, refetch } = useQuery(shareAuditQuery(linkId))
  if (isPending) return <p className="text-sm text-slate-600" aria-busy="true">Loading the activity…</p>
  if (error) return <ErrorPanel title="The activity could not be loaded" error={error} onRetry={() => void refetch()} />
  if (entries.length === 0) return <p className="text-sm text-slate-600">No activity yet.</p>
  return (
    <ol className="space-y-1 text-sm" aria-label="Activity">
      {entries.map((entry) => (
        <li key={entry.id} data-testid="audit-entry" data-event={entry.event} className="flex flex-wrap gap-x-3">
          <span className="w-44 text-slate-500 tabular-nums">{formatDateTime(entry.at)}</span>
          <span className={`w-24 font-medium ${entry.event === 'denied' ? 'text-red-800' : 'text-slate-900'}`}>{eventLabel[entry.event]}</span>
          <span className="text-slate-700">{entry.actor ?? 'someone signed out'}</span>
          {detail(entry) && <span className="text-slate-500">{detail(entry)}</span>}
        </li>
      ))}
    </ol>
  )
}
