// Who is scored in each run, and with what score. Everything is a pure function of (salt, profile index, run), so
// a run's rows can be rebuilt in any order, in any worker, and again later for an audience export, without
// storing the population anywhere.
import type { PropensityType } from '../model'
import { normal, unit } from './prng'

export interface PopulationSpec {
  /** Sandbox-wide: profile i has the same identities in every instance of the sandbox. */
  identitySalt: number
  /** Per instance: scores, drift, factors and who leaves. */
  scoreSalt: number
  propensityType: PropensityType
  /** Profiles 0..sizes[run]-1 are eligible in a run: the population grows from run to run. */
  sizes: number[]
  /** Share of profiles that leave per run (churned, deleted, out of the scoring window). */
  leaveRate: number
}

// Score = 100·sigmoid(offset + slope·z): most profiles low with a tail of high ones. Conversion is rarer
// than churn, so its curve sits further left.
const CURVES: Record<PropensityType, { offset: number; slope: number }> = {
  churn: { offset: -1.5, slope: 1.5 },
  conversion: { offset: -2.3, slope: 1.7 },
}
/** How far a profile's latent propensity moves between two runs (in standard deviations). */
const DRIFT = 0.3

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

export function isPresent(spec: PopulationSpec, index: number, run: number): boolean {
  const size = spec.sizes[run] ?? 0
  if (index >= size) return false
  // Each profile leaves at some run; profiles that leave before they would have joined simply never appear.
  const leaveRun = Math.floor(unit(spec.scoreSalt, index, 0x1ea7e) / spec.leaveRate)
  return run < leaveRun
}

export function scoreOf(spec: PopulationSpec, index: number, run: number): number {
  const z = normal(spec.scoreSalt, index, 0, 0) + DRIFT * normal(spec.scoreSalt, index, run + 1, 1)
  const { offset, slope } = CURVES[spec.propensityType]
  return 100 * sigmoid(offset + slope * z)
}

/** The model's calibrated probability: monotone in the score (a relative likelihood), and a little lower. */
export function probabilityOf(score: number): number {
  const p = Math.min(Math.max(score / 100, 1e-9), 1 - 1e-9)
  return sigmoid(0.9 * Math.log(p / (1 - p)) - 0.35)
}

export interface RunScan {
  /** Profiles present in the run. */
  count: number
  /** cuts[k-1] is the highest score with percentile ≤ k, so percentiles are exact ranks within the run. */
  cuts: Float64Array
}

/** One pass over the run's eligible profiles: how many there are and where the percentile boundaries fall. */
export function scanRun(spec: PopulationSpec, run: number): RunScan {
  const size = spec.sizes[run] ?? 0
  const scores = new Float64Array(size)
  let count = 0
  for (let i = 0; i < size; i++) {
    if (isPresent(spec, i, run)) scores[count++] = scoreOf(spec, i, run)
  }
  const sorted = scores.subarray(0, count).sort()
  // percentile(s) = ceil(100·rank(s)/n) with 1-based rank: the smallest k with rank ≤ floor(n·k/100).
  const cuts = new Float64Array(100)
  for (let k = 1; k <= 100; k++) {
    const rank = Math.floor((count * k) / 100)
    cuts[k - 1] = rank >= 1 ? (sorted[rank - 1] ?? -Infinity) : -Infinity
  }
  return { count, cuts }
}

export function percentileOf(cuts: Float64Array, score: number): number {
  let lo = 0
  let hi = cuts.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (score <= (cuts[mid] ?? Infinity)) hi = mid
    else lo = mid + 1
  }
  return lo + 1
}

/**
 * Split a run into parts of the given row counts, in profile-index space: returns the first profile index of each
 * part plus the end. Rows are written in profile order, as a Spark job that partitions by profile would.
 * `keep` narrows the rows further (an export writes one score bucket).
 */
export function partBoundaries(
  spec: PopulationSpec,
  run: number,
  partRows: readonly number[],
  keep?: (score: number) => boolean,
): number[] {
  const size = spec.sizes[run] ?? 0
  const bounds = [0]
  let part = 0
  let inPart = 0
  for (let i = 0; i < size && part < partRows.length - 1; i++) {
    if (!isPresent(spec, i, run)) continue
    if (keep && !keep(scoreOf(spec, i, run))) continue
    if (inPart === (partRows[part] ?? 0)) {
      bounds.push(i)
      part++
      inPart = 0
    }
    inPart++
  }
  while (bounds.length < partRows.length) bounds.push(size)
  bounds.push(size)
  return bounds
}

/** Rows of the run whose score passes `keep`. */
export function countRows(spec: PopulationSpec, run: number, keep: (score: number) => boolean): number {
  const size = spec.sizes[run] ?? 0
  let count = 0
  for (let i = 0; i < size; i++) if (isPresent(spec, i, run) && keep(scoreOf(spec, i, run))) count++
  return count
}
