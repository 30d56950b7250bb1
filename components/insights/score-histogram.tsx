import { useId } from 'react'
import { formatCount } from '@/components/ui/format'
import { histogram } from '@/lib/scores/cells'
import { binsByBucket } from '@/lib/scores/summaries'
import { buckets, type BucketCutoffs } from '@/lib/scores/buckets'
import { bucketLabel, bucketTone, type Propensity } from './bucket-tone'

// The score distribution in bins of 5 points, each bar split by bucket under the chosen cut-offs; optionally the
// previous run's distribution drawn over it as a dashed outline. Exact counts are one hover away (SVG <title>), and
// the same numbers are in a table for screen readers and for copying.

interface Props {
  cells: readonly number[]
  previousCells?: readonly number[]
  cutoffs: BucketCutoffs
  propensity: Propensity
  title: string
}

const width = 900
const height = 240
const margin = { top: 12, right: 8, bottom: 28, left: 64 }
const plotWidth = width - margin.left - margin.right
const plotHeight = height - margin.top - margin.bottom

export function ScoreHistogram({ cells, previousCells, cutoffs, propensity, title }: Props) {
  const id = useId()
  const bins = binsByBucket(cells, cutoffs)
  const previous = previousCells ? histogram(previousCells) : undefined
  const top = Math.max(1, ...bins.map((bin) => bin.total), ...(previous ?? []).map((bin) => bin.count))
  const barWidth = plotWidth / bins.length
  const y = (count: number) => margin.top + plotHeight - (plotHeight * count) / top
  const outline = previous
    ?.map((bin, i) => `${i === 0 ? 'M' : 'L'}${margin.left + i * barWidth},${y(bin.count)} H${margin.left + (i + 1) * barWidth}`)
    .join(' ')

  return (
    <figure data-testid="score-histogram">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{`${title}: profiles per 5-point score bin${previous ? ', with the previous run outlined' : ''}`}</title>
        {[0, 0.5, 1].map((share) => (
          <g key={share} className="text-slate-400">
            <line x1={margin.left} x2={width - margin.right} y1={y(top * share)} y2={y(top * share)} className="stroke-slate-200" />
            <text x={margin.left - 6} y={y(top * share) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatCount(Math.round(top * share))}
            </text>
          </g>
        ))}
        {bins.map((bin, i) => {
          let stacked = 0
          const x = margin.left + i * barWidth
          return (
            <g key={bin.from} data-testid="histogram-bar" data-count={bin.total}>
              <title>
                {`Scores ${bin.from}–${bin.to}${i === bins.length - 1 ? ' (100 included)' : ''}: ${formatCount(bin.total)} profiles` +
                  buckets.filter((b) => bin.byBucket[b] > 0).map((b) => `\n${bucketLabel[b]}: ${formatCount(bin.byBucket[b])}`).join('') +
                  (previous ? `\nPrevious run: ${formatCount(previous[i]?.count ?? 0)}` : '')}
              </title>
              <rect x={x} y={margin.top} width={barWidth} height={plotHeight} className="fill-transparent hover:fill-slate-100" />
              {buckets.map((bucket) => {
                const count = bin.byBucket[bucket]
                if (count === 0) return null
                const barTop = y(stacked + count)
                const rect = (
                  <rect key={bucket} x={x + 1} y={barTop} width={barWidth - 2} height={y(stacked) - barTop} className={bucketTone(bucket, propensity).fill} />
                )
                stacked += count
                return rect
              })}
            </g>
          )
        })}
        {outline && <path d={outline} className="fill-none stroke-slate-900" strokeWidth={1.5} strokeDasharray="4 3" />}
        {[0, 25, 50, 75, 100].map((tick) => (
          <text key={tick} x={margin.left + (plotWidth * tick) / 100} y={height - 8} textAnchor="middle" className="fill-slate-500 text-[11px]">
            {tick}
          </text>
        ))}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Show as a table</summary>
        <table className="mt-2 w-full text-left text-xs tabular-nums">
          <caption className="sr-only">{title}</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1">Scores</th>
              <th scope="col" className="py-1 text-right">Profiles</th>
              {previous && <th scope="col" className="py-1 text-right">Previous run</th>}
            </tr>
          </thead>
          <tbody>
            {bins.map((bin, i) => (
              <tr key={bin.from} className="border-t border-slate-100">
                <th scope="row" className="py-0.5 font-normal">{`${bin.from}–${bin.to}`}</th>
                <td className="py-0.5 text-right">{formatCount(bin.total)}</td>
                {previous && <td className="py-0.5 text-right">{formatCount(previous[i]?.count ?? 0)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
