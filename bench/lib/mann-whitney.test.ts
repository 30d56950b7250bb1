import { describe, expect, it } from 'vitest'
import { mannWhitney } from './mann-whitney'

describe('mannWhitney', () => {
  it('finds no difference between two samples of one distribution, and a clear one between shifted samples', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const a = Array.from({ length: 2_000 }, random)
    const b = Array.from({ length: 2_000 }, random)
    expect(mannWhitney(a, b).p).toBeGreaterThan(0.01)
    expect(mannWhitney(a, b.map((x) => x + 0.1)).p).toBeLessThan(1e-6)
  })

  it('matches a hand-worked case: U counts the pairs where the first sample wins', () => {
    // a = [1, 2], b = [3, 4]: every pair goes to b, so U(a) = 0.
    expect(mannWhitney([1, 2], [3, 4]).u).toBe(0)
    expect(mannWhitney([3, 4], [1, 2]).u).toBe(4)
    expect(mannWhitney([1, 3], [2, 3]).u).toBe(1.5)
  })
})
