import type { Bucket } from '@/lib/scores/buckets'

// Adobe's colours for the buckets (aep-api.md §3.3): for churn, high is the bad news and painted red; for
// conversion, high is the good news and painted green. Medium is amber either way. Class names are written out in
// full so Tailwind finds them.

export type Propensity = 'churn' | 'conversion' | undefined

interface Tone {
  fill: string
  swatch: string
  text: string
}

const red: Tone = { fill: 'fill-rose-500', swatch: 'bg-rose-500', text: 'text-rose-800' }
const amber: Tone = { fill: 'fill-amber-400', swatch: 'bg-amber-400', text: 'text-amber-800' }
const green: Tone = { fill: 'fill-emerald-500', swatch: 'bg-emerald-500', text: 'text-emerald-800' }
const slate: Tone = { fill: 'fill-slate-400', swatch: 'bg-slate-400', text: 'text-slate-700' }

export function bucketTone(bucket: Bucket, propensity: Propensity): Tone {
  if (bucket === 'medium') return amber
  if (!propensity) return slate
  const bad = (propensity === 'churn') === (bucket === 'high')
  return bad ? red : green
}

export const bucketLabel: Record<Bucket, string> = { low: 'Low', medium: 'Medium', high: 'High' }

export function cutoffWords(bucket: Bucket, cutoffs: { lowBelow: number; highAbove: number }): string {
  if (bucket === 'low') return `below ${cutoffs.lowBelow}`
  if (bucket === 'high') return `above ${cutoffs.highAbove}`
  return cutoffs.lowBelow === cutoffs.highAbove ? `exactly ${cutoffs.lowBelow}` : `${cutoffs.lowBelow} to ${cutoffs.highAbove}`
}
