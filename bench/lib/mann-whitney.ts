// The Mann-Whitney U test, two-sided, normal approximation (fine for thousands of samples): whether two samples of
// latencies come from one distribution, without assuming either is normal. Pure.

/** erf by Abramowitz and Stegun 7.1.26 (error under 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1
  const t = 1 / (1 + 0.3275911 * Math.abs(x))
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
  return sign * (1 - poly * Math.exp(-x * x))
}

export function mannWhitney(a: readonly number[], b: readonly number[]): { u: number; z: number; p: number } {
  const all = [...a.map((value) => ({ value, first: true })), ...b.map((value) => ({ value, first: false }))].sort((x, y) => x.value - y.value)
  let rankSumA = 0
  let tieTerm = 0
  for (let i = 0; i < all.length; ) {
    let j = i
    while (j + 1 < all.length && all[j + 1]?.value === all[i]?.value) j += 1
    const rank = (i + j) / 2 + 1
    const ties = j - i + 1
    tieTerm += ties ** 3 - ties
    for (let k = i; k <= j; k++) if (all[k]?.first) rankSumA += rank
    i = j + 1
  }
  const [n1, n2] = [a.length, b.length]
  const n = n1 + n2
  const u = rankSumA - (n1 * (n1 + 1)) / 2
  const mean = (n1 * n2) / 2
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  const z = sd === 0 ? 0 : (u - mean) / sd
  const p = 1 - erf(Math.abs(z) / Math.SQRT2)
  return { u, z, p }
}
