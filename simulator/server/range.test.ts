import { describe, expect, it } from 'vitest'
import { parseRange } from './range'

describe('parseRange', () => {
  it('reads the three single-range forms, clamping the end', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'range', start: 0, end: 99 })
    expect(parseRange('bytes=990-', 1000)).toEqual({ kind: 'range', start: 990, end: 999 })
    expect(parseRange('bytes=-10', 1000)).toEqual({ kind: 'range', start: 990, end: 999 })
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'range', start: 0, end: 999 })
    expect(parseRange('bytes=10-5000', 1000)).toEqual({ kind: 'range', start: 10, end: 999 })
    expect(parseRange('BYTES=1-1', 10)).toEqual({ kind: 'range', start: 1, end: 1 })
  })

  it('calls ranges past the end unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=1000-1001', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores absent, multiple and malformed ranges', () => {
    for (const h of [undefined, 'bytes=0-1,5-6', 'bytes=-', 'bytes=5-1', 'items=0-1', 'bytes=a-b', 'bytes=0-99999999999999999999']) {
      expect(parseRange(h, 1000)).toEqual({ kind: 'none' })
    }
  })
})
