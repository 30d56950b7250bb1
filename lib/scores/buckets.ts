// Adobe's Customer AI buckets: low below 25, medium 25 to 74, high above 74 (the UI's default cut-offs; a churn
// instance paints high red, a conversion instance green). The cut-offs are adjustable.

export type Bucket = 'low' | 'medium' | 'high'

export const buckets: readonly Bucket[] = ['low', 'medium', 'high']

export interface BucketCutoffs {
  /** Scores below this are low. */
  lowBelow: number
  /** Scores above this are high. */
  highAbove: number
}

export const defaultCutoffs: BucketCutoffs = { lowBelow: 25, highAbove: 74 }

export function bucketOf(score: number, cutoffs: BucketCutoffs = defaultCutoffs): Bucket {
  if (score < cutoffs.lowBelow) return 'low'
  if (score > cutoffs.highAbove) return 'high'
  return 'medium'
}

export function isBucket(value: string): value is Bucket {
  return (buckets as readonly string[]).includes(value)
}
