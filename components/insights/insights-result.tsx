import { formatBytes, formatCount, formatDateTime, formatDuration } from '@/components/ui/format'
import type { InsightsResult } from '@/lib/insights/schema'
import type { InsightsView } from '@/lib/insights/url-state'
import { BucketSummary } from './bucket-summary'
import { FactorChart } from './factor-chart'
import { RunComparison } from './run-comparison'
import { ScoreHistogram } from './score-histogram'
import { TopProfiles } from './top-profiles'

// A run's finished insights: the top profiles, the score distribution and buckets, the factors by bucket, and the
// comparison with the previous run.

interface Props {
  sandbox: string
  result: InsightsResult
  view: InsightsView
  setView: (view: InsightsView) => void
}

function Card({ title, children, testId }: { title?: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      {title && <h3 className="mb-3 text-base font-semibold text-slate-900">{title}</h3>}
      {children}
    </div>
  )
}

export function InsightsResultView({ sandbox, result, view, setView }: Props) {
  const { propensityType: propensity, scores, reading } = result
  return (
    <div className="space-y-4" data-testid="insights-done">
      <p className="text-xs text-slate-500">
        {formatCount(scores.count)} profiles scored{scores.missing ? ` (${formatCount(scores.missing)} rows without a score)` : ''}, from{' '}
        {formatCount(reading.files)} files. Computed {formatDateTime(result.computedAt)} in {formatDuration(reading.durationMs)}, reading{' '}
        {formatBytes(reading.bytesRead)} of {formatBytes(reading.bytesInFiles)}; the top list skipped {formatCount(reading.topPagesSkipped)} of{' '}
        {formatCount(reading.topPagesRead + reading.topPagesSkipped)} score pages by their statistics.
      </p>
      <Card>
        <TopProfiles sandbox={sandbox} rows={result.top} propensity={propensity} n={view.top} available={result.topAvailable} onN={(top) => setView({ ...view, top })} />
      </Card>
      <Card title="Score distribution" testId="score-distribution">
        <ScoreHistogram cells={scores.cells} cutoffs={view.cutoffs} propensity={propensity} title="Score distribution of this run" />
        <div className="mt-4">
          <BucketSummary cells={scores.cells} cutoffs={view.cutoffs} propensity={propensity} onCutoffs={(cutoffs) => setView({ ...view, cutoffs })} />
        </div>
      </Card>
      <Card title="Influential factors by bucket" testId="factors-by-bucket">
        <FactorChart factors={result.factors} cutoffs={view.cutoffs} propensity={propensity} />
      </Card>
      <Card>
        {result.comparison ? (
          <RunComparison sandbox={sandbox} current={scores} comparison={result.comparison} cutoffs={view.cutoffs} propensity={propensity} />
        ) : (
          <p className="text-sm text-slate-600" data-testid="no-comparison">{result.comparisonNote ?? 'There is no previous run to compare with.'}</p>
        )}
      </Card>
    </div>
  )
}
