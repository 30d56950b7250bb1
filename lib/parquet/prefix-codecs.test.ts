// Reading chosen values of an RLE/bit-packed hybrid stream must give what decoding the whole stream gives at those
// indexes, for any mix of runs and any bit width a level or dictionary index can have.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRleHybridAt, readRleHybridPrefix } from './prefix-codecs'

type Run = { kind: 'rle'; value: number; count: number } | { kind: 'packed'; values: number[] }

function varint(value: number): number[] {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  out.push(rest)
  return out
}

/** Encodes runs as parquet's hybrid encoding (bit-packed runs are padded to groups of 8 values). */
function encode(runs: Run[], width: number): { bytes: Uint8Array; values: number[] } {
  const bytes: number[] = []
  const values: number[] = []
  for (const run of runs) {
    if (run.kind === 'rle') {
      bytes.push(...varint(run.count * 2))
      for (let i = 0; i < (width + 7) >> 3; i++) bytes.push(Math.floor(run.value / 2 ** (8 * i)) & 0xff)
      for (let i = 0; i < run.count; i++) values.push(run.value)
    } else {
      const groups = Math.ceil(run.values.length / 8)
      const padded = [...run.values, ...Array<number>(groups * 8 - run.values.length).fill(0)]
      bytes.push(...varint(groups * 2 + 1))
      const packed = new Uint8Array(groups * width)
      padded.forEach((value, i) => {
        for (let b = 0; b < width; b++) {
          const bit = i * width + b
          if (Math.floor(value / 2 ** b) % 2) packed[bit >> 3] = (packed[bit >> 3] ?? 0) | (1 << (bit & 7))
        }
      })
      bytes.push(...packed)
      values.push(...padded)
    }
  }
  return { bytes: Uint8Array.from(bytes), values }
}

const streams = fc.integer({ min: 1, max: 20 }).chain((width) => {
  const value = fc.integer({ min: 0, max: 2 ** width - 1 })
  const run: fc.Arbitrary<Run> = fc.oneof(
    fc.record({ kind: fc.constant('rle' as const), value, count: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant('packed' as const), values: fc.array(value, { minLength: 1, maxLength: 70 }) }),
  )
  return fc.record({ width: fc.constant(width), runs: fc.array(run, { minLength: 1, maxLength: 12 }) })
})

describe('readRleHybridAt', () => {
  it('gives the whole decode at any sorted indexes', () => {
    fc.assert(
      fc.property(streams, fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 40 }), ({ width, runs }, picks) => {
        const { bytes, values } = encode(runs, width)
        const whole = Array.from(readRleHybridPrefix(bytes, 0, width, values.length))
        expect(whole).toEqual(values)
        const indexes = [...new Set(picks.map((p) => Math.floor(p * values.length)))].sort((a, b) => a - b)
        expect(readRleHybridAt(bytes, 0, width, indexes)).toEqual(indexes.map((i) => values[i]))
      }),
      { numRuns: 500 },
    )
  })

  it('says when the stream stops short of an index', () => {
    const { bytes } = encode([{ kind: 'packed', values: [1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0] }], 3)
    expect(() => readRleHybridAt(bytes.subarray(0, 3), 0, 3, [12])).toThrow(RangeError)
  })
})
