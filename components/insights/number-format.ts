// Numbers in the insights: scores to two decimals (as the preview shows them), shares to one.

export const formatScore = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2))

export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '—'
  return `${((100 * part) / whole).toFixed(1)}%`
}

/** A signed change, e.g. `+1.25` or `−0.40`. */
export function formatChange(value: number | null): string {
  if (value === null) return '—'
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±'
  return `${sign}${Math.abs(value).toFixed(2)}`
}
