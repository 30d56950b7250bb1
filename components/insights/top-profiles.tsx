'use client'
import Link from 'next/link'
import { FactorChips } from '@/components/preview/factor-chips'
import { formatCount } from '@/components/ui/format'
import { type Column, TableFrame, TableHead } from '@/components/ui/table'
import { MAX_TOP_N, type TopRow } from '@/lib/insights/schema'
import { profileRowPath } from '@/lib/query/insights'
import type { Propensity } from './bucket-tone'
import { formatScore } from './number-format'

// The N profiles with the highest scores across every file of the run. Each row opens its file's preview at the
// row itself, so a person can see everything else the file says about that profile.

const choices = [10, 25, 50, 100, 250, 500, MAX_TOP_N]

export function topTitle(propensity: Propensity): string {
  if (propensity === 'churn') return 'Most likely to churn'
  if (propensity === 'conversion') return 'Most likely to convert'
  return 'Highest scores'
}

interface Props {
  sandbox: string
  rows: readonly TopRow[]
  propensity: Propensity
  n: number
  onN: (n: number) => void
  /** How many top rows exist in all (fewer than N when the run is small). */
  available?: number
  /** While the insights compute: the first rows are shown before the rest are read. */
  computing?: boolean
}

export function TopProfiles({ sandbox, rows, propensity, n, onN, available, computing }: Props) {
  const options = [...new Set([...choices, n])].sort((a, b) => a - b)
  return (
    <section aria-labelledby="top-profiles-heading" data-testid="top-profiles">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h3 id="top-profiles-heading" className="text-base font-semibold text-slate-900">
            {topTitle(propensity)}
          </h3>
          <p className="text-sm text-slate-600">
            The {formatCount(rows.length)} highest scores across every file of the run
            {available !== undefined && available < n ? ` (the run has ${formatCount(available)} scored profiles)` : ''}
            {computing && rows.length < n ? '; the full list comes with the rest of the insights' : ''}.
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Show
          <select
            value={n}
            onChange={(event) => onN(Number(event.target.value))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {options.map((option) => (
              <option key={option} value={option}>
                top {formatCount(option)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No profile in this run has a score.</p>
      ) : (
        <TopTable sandbox={sandbox} rows={rows} propensity={propensity} />
      )}
    </section>
  )
}

function TopTable({ sandbox, rows, propensity }: Pick<Props, 'sandbox' | 'rows' | 'propensity'>) {
  return (
    <TableFrame caption={`${topTitle(propensity)}: the top ${rows.length} profiles by score`} maxHeight="tall">
      <TableHead columns={topColumns} dense sticky />
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.rank} data-testid="top-row" data-rank={row.rank}>
            <td className="px-3 py-1.5 text-right text-slate-500 tabular-nums">{row.rank}</td>
            <td className="px-3 py-1.5 font-mono text-xs">
              <Link
                href={profileRowPath(sandbox, row.dataSetFileId, row.fileName, row.rowIndex)}
                className="hover:underline"
                title={`Row ${formatCount(row.rowIndex)} of ${row.fileName}`}
                data-column="identity"
              >
                {row.identity ?? <span className="text-slate-400 italic">no identity</span>}
              </Link>
              {row.identityNamespace && row.identityNamespace !== 'ECID' && (
                <span className="ml-1 text-slate-500">({row.identityNamespace})</span>
              )}
            </td>
            <td className="px-3 py-1.5 text-right font-medium tabular-nums" data-column="score">{formatScore(row.score)}</td>
            <td className="px-3 py-1.5 text-right tabular-nums">{row.probability === undefined ? '—' : row.probability.toFixed(3)}</td>
            <td className="px-3 py-1.5 text-right tabular-nums">{row.percentile ?? '—'}</td>
            <td className="max-w-md px-3 py-1.5">
              <FactorChips factors={row.factors} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  )
}

const topColumns: Column[] = [
  { label: '#', align: 'right' },
  { label: 'Identity' },
  { label: 'Score', align: 'right' },
  { label: 'Probability', align: 'right' },
  { label: 'Percentile', align: 'right' },
  { label: 'Influential factors' },
]
