import { formatBytes, formatCount } from '@/components/ui/format'
import { type Column, TableFrame, TableHead } from '@/components/ui/table'
import type { FileSummary } from '@/lib/preview/protocol'

/** The schema view: every leaf with its types; the score fields found in it are marked. */
export function SchemaView({ summary }: { summary: FileSummary }) {
  const scoreBase = summary.scoreFields?.base.join('.')
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="p-3 text-left text-sm text-slate-600">
          {summary.leaves.length} leaf columns.{' '}
          {scoreBase ? (
            <>Score fields found under <span className="font-mono">{scoreBase}</span>.</>
          ) : (
            'No score struct was recognised; pick the score column on the Rows tab.'
          )}
        </caption>
        <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">Leaf</th>
            <th scope="col" className="px-3 py-2">Physical</th>
            <th scope="col" className="px-3 py-2">Logical</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {summary.leaves.map((leaf) => (
            <tr key={leaf.name} className={scoreBase && leaf.name.startsWith(scoreBase) ? 'bg-amber-50/50' : undefined}>
              <td className="px-3 py-1.5 font-mono text-xs">{leaf.name}</td>
              <td className="px-3 py-1.5">{leaf.physicalType}</td>
              <td className="px-3 py-1.5">{leaf.logicalType ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The layout view: row groups and column chunks, codecs, sizes, page counts, statistics, indexes. */
export function LayoutView({ summary }: { summary: FileSummary }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {formatCount(summary.numRows)} rows in {summary.rowGroups.length} row group{summary.rowGroups.length === 1 ? '' : 's'} ·{' '}
        {formatBytes(summary.byteLength)}
        {summary.createdBy && <> · written by <span className="font-mono text-xs">{summary.createdBy}</span></>}
      </p>
      <TableFrame caption="Column chunks">
        <TableHead columns={chunkColumns} dense />
        <tbody className="divide-y divide-slate-100">
          {summary.leaves.map((leaf) => (
            <tr key={leaf.name}>
              <td className="px-3 py-1.5 font-mono text-xs">{leaf.name}</td>
              <td className="px-3 py-1.5">{leaf.codec}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatBytes(leaf.compressedSize)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatBytes(leaf.uncompressedSize)}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{leaf.pages ?? '—'}</td>
              <td className="max-w-40 truncate px-3 py-1.5 text-xs" title={leaf.min}>{leaf.min ?? '—'}</td>
              <td className="max-w-40 truncate px-3 py-1.5 text-xs" title={leaf.max}>{leaf.max ?? '—'}</td>
              <td className="px-3 py-1.5 text-xs">
                {[leaf.hasOffsetIndex && 'offset', leaf.hasColumnIndex && 'column'].filter(Boolean).join(' + ') || 'none'}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </div>
  )
}

const chunkColumns: Column[] = [
  { label: 'Column chunk' },
  { label: 'Codec' },
  { label: 'Compressed', align: 'right' },
  { label: 'Uncompressed', align: 'right' },
  { label: 'Pages', align: 'right' },
  { label: 'Min' },
  { label: 'Max' },
  { label: 'Page index' },
]
