// Turns a whole-leaf read (values plus Dremel levels) into one entry per row, the shape sort and filter need.
// A flat optional leaf gives one value or null per row; a leaf under a list or map gives the row's list of values.
import type { LeafSlice } from '@/lib/parquet/types'

export function flatPerRow(slice: LeafSlice): unknown[] {
  const rows = slice.rowEnd - slice.rowStart
  const { values, definitionLevels, maxDefinitionLevel } = slice
  if (!definitionLevels) return Array.from({ length: rows }, (_, i) => values[i])
  const out = new Array<unknown>(rows)
  let next = 0
  for (let i = 0; i < rows; i++) out[i] = definitionLevels[i] === maxDefinitionLevel ? values[next++] : null
  return out
}

export function listPerRow(slice: LeafSlice): unknown[][] {
  const rows = slice.rowEnd - slice.rowStart
  const out: unknown[][] = Array.from({ length: rows }, () => [])
  const { values, definitionLevels, repetitionLevels, maxDefinitionLevel } = slice
  if (!repetitionLevels) return flatPerRow(slice).map((value) => (value === null || value === undefined ? [] : [value]))
  let row = -1
  let next = 0
  for (let i = 0; i < repetitionLevels.length; i++) {
    if (repetitionLevels[i] === 0) row += 1
    const defined = !definitionLevels || definitionLevels[i] === maxDefinitionLevel
    if (defined) {
      const value = values[next++]
      if (row >= 0 && row < rows) out[row]?.push(value)
    }
  }
  return out
}

/** One number per row, NaN where the row has none. Typed values without nulls are read without boxing each one. */
export function numbersPerRow(slice: LeafSlice): Float64Array {
  const rows = slice.rowEnd - slice.rowStart
  const { values, definitionLevels, maxDefinitionLevel } = slice
  if (values instanceof Float64Array && values.length === rows) return values
  if ((values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint32Array || values instanceof Uint8Array) && values.length === rows) {
    return Float64Array.from(values)
  }
  const out = new Float64Array(rows)
  let next = 0
  for (let i = 0; i < rows; i++) {
    const value = !definitionLevels || definitionLevels[i] === maxDefinitionLevel ? values[next++] : undefined
    out[i] = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number.NaN
  }
  return out
}
