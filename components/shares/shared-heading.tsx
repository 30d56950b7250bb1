import { formatDateTime } from '@/components/ui/format'

/** Who shared it and until when, above the thing itself. */
export function SharedHeading({ title, createdBy, expiresAt }: { title: string; createdBy: string; expiresAt: number }) {
  return (
    <div className="mb-6">
      <p className="text-sm text-slate-600" data-testid="shared-by">
        Shared with you by <span className="font-medium text-slate-900">{createdBy}</span> · the link works until{' '}
        <span className="font-medium text-slate-900">{formatDateTime(expiresAt)}</span>
      </p>
      <h1 className="mt-1 font-mono text-base font-semibold break-all text-slate-900">{title}</h1>
    </div>
  )
}
