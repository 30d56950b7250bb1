import Link from 'next/link'
import { formatCount, formatDateTime } from '@/components/ui/format'
import type { Comparison, ScoreSummary } from '@/lib/insights/schema'
import { migration } from '@/lib/scores/summaries'
import { buckets, type BucketCutoffs } from '@/lib/scores/buckets'
import { bucketLabel, cutoffWords, type Propensity } from './bucket-tone'
import { formatChange, formatScore, formatShare } from './number-format'
import { ScoreHistogram } from './score-histogram'

// This run against the previous successful run of the same instance: how the scores drifted, and where the profiles
// both runs scored moved, joined on their ECID; plus the profiles that arrived and left.

interface Props {
  sandbox: string
  current: ScoreSummary
  comparison: Comparison
  cutoffs: BucketCutoffs
  propensity: Propensity
}

const change = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before)

/** A heat class by share of the row: darker where more profiles went. */
function heat(share: number): string {
  if (share >= 0.5) return 'bg-sky-200'
  if (share >= 0.2) return 'bg-sky-100'
  if (share > 0) return 'bg-sky-50'
  return ''
}

export function RunComparison({ sandbox, current, comparison, cutoffs, propensity }: Props) {
  const { previous } = comparison
  const moved = migration(comparison, cutoffs)
  const facts = [
    { label: 'Mean score', now: current.mean, before: previous.mean },
    { label: 'Median score', now: current.median, before: previous.median },
  ]
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
  const changed = buckets.reduce((total, from) => total + buckets.reduce((t, to) => t + (from === to ? 0 : moved.matrix[from][to]), 0), 0)

  return (
    <section aria-labelledby="comparison-heading" data-testid="run-comparison" className="space-y-4">
      <div>
        <h3 id="comparison-heading" className="text-base font-semibold text-slate-900">Compared with the previous run</h3>
        <p className="text-sm text-slate-600">
          Run{' '}
          <Link href={`/sandboxes/${encodeURIComponent(sandbox)}/batches/${encodeURIComponent(comparison.previousBatchId)}`} className="font-mono hover:underline">
            {comparison.previousBatchId}
          </Link>{' '}
          of {formatDateTime(comparison.previousCreated)}: {formatCount(previous.count)} profiles scored.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="drift">
        {facts.map((fact) => (
          <div key={fact.label} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs tracking-wide text-slate-500 uppercase">{fact.label}</dt>
            <dd className="mt-1 text-lg font-semibold tabular-nums" title={`Previous run: ${formatScore(fact.before)}`}>
              {formatScore(fact.now)} <span className="text-sm font-normal text-slate-600">({formatChange(change(fact.now, fact.before))})</span>
            </dd>
          </div>
        ))}
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-xs tracking-wide text-slate-500 uppercase">New profiles</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid="new-profiles">{formatCount(sum(comparison.added))}</dd>
        </div>
        <div className="rounded-md border border-slate-200 p-3">
          <dt className="text-xs tracking-wide text-slate-500 uppercase">Dropped profiles</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid="dropped-profiles">{formatCount(sum(comparison.dropped))}</dd>
        </div>
      </dl>
      <ScoreHistogram cells={current.cells} previousCells={previous.cells} cutoffs={cutoffs} propensity={propensity} title="Score distribution, this run against the previous one" />
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm tabular-nums" data-testid="migration-matrix">
          <caption className="mb-2 text-left text-sm text-slate-600">
            Bucket migration of the {formatCount(comparison.matched)} profiles scored by both runs (joined on ECID):{' '}
            {formatCount(changed)} ({formatShare(changed, comparison.matched)}) changed bucket.
          </caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th scope="col" className="px-2 py-1">Previous ↓ · This run →</th>
              {buckets.map((to) => (
                <th key={to} scope="col" className="px-2 py-1 text-right">{bucketLabel[to]} <span className="font-normal">({cutoffWords(to, cutoffs)})</span></th>
              ))}
              <th scope="col" className="px-2 py-1 text-right">Dropped</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((from) => {
              const rowTotal = sum(moved.matrix[from]) + moved.dropped[from]
              return (
                <tr key={from} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-medium">{bucketLabel[from]}</th>
                  {buckets.map((to) => (
                    <td
                      key={to}
                      className={`px-2 py-1 text-right ${heat(moved.matrix[from][to] / Math.max(1, rowTotal))} ${from === to ? 'font-semibold' : ''}`}
                      title={`${formatShare(moved.matrix[from][to], rowTotal)} of the previous run's ${bucketLabel[from].toLowerCase()} bucket`}
                      data-from={from}
                      data-to={to}
                    >
                      {formatCount(moved.matrix[from][to])}
                    </td>
                  ))}
                  <td className="px-2 py-1 text-right text-slate-600">{formatCount(moved.dropped[from])}</td>
                </tr>
              )
            })}
            <tr className="border-t border-slate-200">
              <th scope="row" className="px-2 py-1 text-left font-medium">New</th>
              {buckets.map((to) => (
                <td key={to} className="px-2 py-1 text-right text-slate-600">{formatCount(moved.added[to])}</td>
              ))}
              <td className="px-2 py-1" />
            </tr>
          </tbody>
        </table>
        {(comparison.withoutIdentity[0] > 0 || comparison.withoutIdentity[1] > 0) && (
          <p className="mt-2 text-xs text-slate-500">
            {formatCount(comparison.withoutIdentity[0])} profiles of this run and {formatCount(comparison.withoutIdentity[1])} of the previous one have no
            ECID and could not be joined.
          </p>
        )}
      </div>
    </section>
  )
}
