// Building measurements: a figure alone, a figure against its baseline, or a figure against a bound.
import type { Measurement } from '../types'

export function figure(name: string, value: number, unit: string): Measurement {
  return { name, value, unit, baseline: null, ratio: null, target: null, pass: null }
}

/**
 * value ÷ baseline, with a floor on the ratio (throughput: higher is better). `ratio` may be given when it was
 * measured more robustly than the quotient of the two figures (e.g. the median of paired rounds).
 */
export function ratioAtLeast(name: string, value: number, baseline: number, unit: string, floor: number, measured?: number): Measurement {
  const ratio = measured ?? (baseline === 0 ? 0 : value / baseline)
  return { name, value, unit, baseline, ratio, target: `ratio ≥ ${floor}`, pass: ratio >= floor }
}

/** value ÷ baseline, with a ceiling on the ratio (amplification: lower is better). */
export function ratioAtMost(name: string, value: number, baseline: number, unit: string, ceiling: number): Measurement {
  const ratio = baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline
  return { name, value, unit, baseline, ratio, target: `ratio ≤ ${ceiling}`, pass: ratio <= ceiling }
}

export function below(name: string, value: number, unit: string, bound: number): Measurement {
  return { name, value, unit, baseline: null, ratio: null, target: `< ${bound} ${unit}`, pass: value < bound }
}

export function atLeast(name: string, value: number, unit: string, bound: number): Measurement {
  return { name, value, unit, baseline: null, ratio: null, target: `≥ ${bound} ${unit}`.trim(), pass: value >= bound }
}

export function atMost(name: string, value: number, unit: string, bound: number): Measurement {
  return { name, value, unit, baseline: null, ratio: null, target: `≤ ${bound} ${unit}`.trim(), pass: value <= bound }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
