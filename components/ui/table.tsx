import type { ReactNode } from 'react'

// The frame and header row every data table in the app shares, so they look and read alike (a caption for screen
// readers, column headers with scope, numbers right-aligned).

export interface Column {
  label: ReactNode
  align?: 'left' | 'right'
  /** Read by screen readers only (e.g. an actions column). */
  hidden?: boolean
}

export function TableFrame({
  caption,
  children,
  busy,
  testId,
  footer,
  maxHeight,
}: {
  caption: ReactNode
  children: ReactNode
  busy?: boolean
  testId?: string
  /** Shown under the table, inside its frame (e.g. "the 10 newest of 40"). */
  footer?: ReactNode
  /** A tall table scrolls inside its frame, under a sticky header (TableHead `sticky`). */
  maxHeight?: 'tall'
}) {
  const scroll = maxHeight === 'tall' ? 'max-h-[32rem] overflow-auto' : 'overflow-x-auto'
  return (
    <div className={`${scroll} rounded-lg border border-slate-200 bg-white`} aria-busy={busy}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
      {footer}
    </div>
  )
}

export function TableHead({ columns, dense = false, sticky = false }: { columns: Column[]; dense?: boolean; sticky?: boolean }) {
  return (
    <thead className={`bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-600 uppercase ${sticky ? 'sticky top-0' : ''}`}>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className={`${dense ? 'px-3 py-2' : 'px-4 py-3'} ${column.align === 'right' ? 'text-right' : ''}`}>
            {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  )
}
