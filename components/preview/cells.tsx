import { FactorChips } from '@/components/preview/factor-chips'
import type { PreviewColumnId } from '@/lib/preview/columns'
import type { ScoreRow } from '@/lib/scores/score-row'

const bucketTone = { low: 'text-emerald-700', medium: 'text-amber-700', high: 'text-rose-700' } as const

const Null = () => <span className="text-slate-400 italic">null</span>

/** One cell of the score table; nulls are shown as nulls, dates in UTC with the zone written out. */
export function Cell({ row, column }: { row: ScoreRow; column: PreviewColumnId }) {
  switch (column) {
    case 'identity':
      return row.identity ? (
        <span className="font-mono text-xs" title={row.identityNamespace}>
          {row.identity}
        </span>
      ) : (
        <Null />
      )
    case 'score':
      return row.score === undefined ? <Null /> : <span className="font-medium tabular-nums">{row.score.toFixed(2)}</span>
    case 'bucket':
      return row.bucket ? <span className={`font-medium capitalize ${bucketTone[row.bucket]}`}>{row.bucket}</span> : <Null />
    case 'probability':
      return row.probability === undefined ? <Null /> : <span className="tabular-nums">{row.probability.toFixed(4)}</span>
    case 'percentile':
      return row.percentile === undefined ? <Null /> : <span className="tabular-nums">{row.percentile}</span>
    case 'propensityType':
      return row.propensityType ? <span>{row.propensityType}</span> : <Null />
    case 'scoreDate':
      return row.scoreDate ? <span className="tabular-nums">{row.scoreDate.toISOString().replace('T', ' ').replace('.000Z', ' UTC')}</span> : <Null />
    case 'factors':
      return <FactorChips factors={row.factors} />
  }
}
