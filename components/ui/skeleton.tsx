export function TableSkeleton({ rows = 4, label }: { rows?: number; label: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex animate-pulse gap-4 py-3">
          <div className="h-4 w-1/3 rounded bg-slate-200" />
          <div className="h-4 w-24 rounded bg-slate-200" />
          <div className="h-4 w-32 rounded bg-slate-200" />
          <div className="h-4 w-16 rounded bg-slate-200" />
        </div>
      ))}
    </div>
  )
}
