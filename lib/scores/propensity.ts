// Churn or conversion, from the value a score row carries (Adobe does not publish its exact spelling). Pure.
export type PropensityType = 'churn' | 'conversion'

export function normalisePropensity(value: unknown): PropensityType | undefined {
  if (typeof value !== 'string') return undefined
  const lowered = value.toLowerCase()
  if (lowered.includes('churn')) return 'churn'
  if (lowered.includes('conver')) return 'conversion'
  return undefined
}
