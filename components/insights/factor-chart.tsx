import { formatCount } from '@/components/ui/format'
import type { FactorCount } from '@/lib/insights/schema'
import { factorsByBucket, type FactorBar } from '@/lib/scores/summaries'
import { buckets, type Bucket, type BucketCutoffs } from '@/lib/scores/buckets'
import { bucketLabel, bucketTone, cutoffWords, type Propensity } from './bucket-tone'

// Influential factors by bucket: for each bucket, how often each factor code appears among its profiles, split by
// the importance Customer AI gave it. Counts are one hover away and in a table below each chart.

const importanceOrder = ['high', 'medium', 'low']
const importanceFill: Record<string, string> = { high: 'fill-violet-700', medium: 'fill-violet-400', low: 'fill-violet-200' }
const importanceSwatch: Record<string, string> = { high: 'bg-violet-700', medium: 'bg-violet-400', low: 'bg-violet-200' }
const shown = 8

function importances(bars: readonly FactorBar[]): string[] {
  const all = new Set(bars.flatMap((bar) => Object.keys(bar.byImportance)))
  return [...importanceOrder.filter((i) => all.has(i)), ...[...all].filter((i) => !importanceOrder.includes(i)).sort()]
}

function BucketFactors({ bucket, bars, cutoffs, propensity }: { bucket: Bucket; bars: FactorBar[]; cutoffs: BucketCutoffs; propensity: Propensity }) {
  const top = bars.slice(0, shown)
  const max = Math.max(1, ...top.map((bar) => bar.total))
  const order = importances(top)
  const titleId = `factors-${bucket}`
  return (
    <div data-testid="factor-chart" data-bucket={bucket}>
      <h4 id={titleId} className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${bucketTone(bucket, propensity).swatch}`} />
        {bucketLabel[bucket]} <span className="font-normal text-slate-500">({cutoffWords(bucket, cutoffs)})</span>
      </h4>
      {top.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No profiles in this bucket carry influential factors.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-labelledby={titleId}>
          {top.map((bar) => {
            let x = 0
            return (
              <li
                key={bar.code}
                className="grid grid-cols-[minmax(0,11rem)_1fr] items-center gap-2 text-xs"
                data-testid="factor-bar"
                data-code={bar.code}
                data-total={bar.total}
                title={`${bar.code}: ${formatCount(bar.total)} profiles${order.map((i) => (bar.byImportance[i] ? `\n${i} importance: ${formatCount(bar.byImportance[i])}` : '')).join('')}`}
              >
                <span className="truncate text-right text-slate-700">{bar.code}</span>
                {/* Bars as SVG: widths without inline styles, which the page's Content-Security-Policy forbids. */}
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full" aria-hidden="true">
                  {order.map((importance) => {
                    const count = bar.byImportance[importance] ?? 0
                    if (count === 0) return null
                    const w = (100 * count) / max
                    const rect = <rect key={importance} x={x} y={0} width={w} height={10} className={importanceFill[importance] ?? 'fill-slate-300'} />
                    x += w
                    return rect
                  })}
                </svg>
              </li>
            )
          })}
        </ul>
      )}
      {top.length > 0 && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Show as a table</summary>
          <table className="mt-2 w-full text-left text-xs tabular-nums">
            <caption className="sr-only">Influential factors of the {bucketLabel[bucket].toLowerCase()} bucket</caption>
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1">Factor</th>
                {order.map((importance) => (
                  <th key={importance} scope="col" className="py-1 text-right capitalize">{importance || 'none'}</th>
                ))}
                <th scope="col" className="py-1 text-right">Total</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.code} className="border-t border-slate-100">
                  <th scope="row" className="py-0.5 font-normal">{bar.code}</th>
                  {order.map((importance) => (
                    <td key={importance} className="py-0.5 text-right">{formatCount(bar.byImportance[importance] ?? 0)}</td>
                  ))}
                  <td className="py-0.5 text-right">{formatCount(bar.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  )
}

export function FactorChart({ factors, cutoffs, propensity }: { factors: readonly FactorCount[]; cutoffs: BucketCutoffs; propensity: Propensity }) {
  const byBucket = factorsByBucket(factors, cutoffs)
  const legend = importances(buckets.flatMap((bucket) => byBucket[bucket]))
  if (factors.length === 0) return <p className="text-sm text-slate-500">The run&apos;s files carry no influential factors.</p>
  return (
    <div>
      <ul className="mb-3 flex flex-wrap gap-3 text-xs text-slate-600" aria-label="Importance">
        {legend.map((importance) => (
          <li key={importance} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${importanceSwatch[importance] ?? 'bg-slate-300'}`} />
            {importance || 'no importance'} importance
          </li>
        ))}
      </ul>
      <div className="grid gap-6 lg:grid-cols-3">
        {[...buckets].reverse().map((bucket) => (
          <BucketFactors key={bucket} bucket={bucket} bars={byBucket[bucket]} cutoffs={cutoffs} propensity={propensity} />
        ))}
      </div>
    </div>
  )
}
