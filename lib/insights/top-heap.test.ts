import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TopHeap, type Candidate } from './top-heap'

const byRank = (a: Candidate, b: Candidate) => b.score - a.score || a.file - b.file || a.row - b.row

describe('TopHeap', () => {
  it('keeps the N best, ties to the earlier file and row, whatever the order they come in', () => {
    const candidate = fc.record({ score: fc.integer({ min: 0, max: 20 }), file: fc.integer({ min: 0, max: 3 }), row: fc.nat(50) })
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => `${c.file}/${c.row}` }), fc.integer({ min: 0, max: 30 }), (all, n) => {
        const heap = new TopHeap(n)
        for (const c of all) heap.offer(c)
        expect(heap.sorted()).toEqual([...all].sort(byRank).slice(0, n))
      }),
    )
  })

  it('says which pages may still hold a winner', () => {
    const heap = new TopHeap(2)
    expect(heap.mayHold(-5)).toBe(true)
    heap.offer({ score: 10, file: 0, row: 0 })
    heap.offer({ score: 7, file: 0, row: 1 })
    expect(heap.threshold).toBe(7)
    expect(heap.mayHold(7)).toBe(true)
    expect(heap.mayHold(6.99)).toBe(false)
  })
})
