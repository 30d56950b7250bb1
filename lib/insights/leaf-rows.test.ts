import { describe, expect, it } from 'vitest'
import type { LeafSlice } from '@/lib/parquet/types'
import { forEachListPair, identityPerRow } from './leaf-rows'

const slice = (path: string[], rows: number, maxDef: number, maxRep: number, levels: [number, number][], values: unknown[]): LeafSlice => ({
  path,
  rowStart: 0,
  rowEnd: rows,
  values,
  repetitionLevels: Uint8Array.from(levels.map(([rep]) => rep)),
  definitionLevels: Uint8Array.from(levels.map(([, def]) => def)),
  maxDefinitionLevel: maxDef,
  maxRepetitionLevel: maxRep,
})

describe('identityPerRow', () => {
  it('takes the first item of the ECID entry, wherever it sits in the map', () => {
    // Row 0: {Email: ['x@y'], ECID: ['e1', 'e2']}; row 1: no map; row 2: {ECID: [item without id, 'e3']}.
    const keys = slice(['identityMap', 'key_value', 'key'], 3, 2, 1, [[0, 2], [1, 2], [0, 0], [0, 2]], ['Email', 'ECID', 'ECID'])
    const ids = slice(
      ['identityMap', 'key_value', 'value', 'list', 'element', 'id'],
      3,
      6,
      2,
      [[0, 6], [1, 6], [2, 6], [0, 0], [0, 5], [2, 6]],
      ['x@y', 'e1', 'e2', 'e3'],
    )
    expect(identityPerRow(keys, ids)).toEqual(['e1', undefined, undefined])
    // Read with a parser that stands for each id by a number (IdentityHashes): the same places.
    expect(identityPerRow(keys, { ...ids, values: [10, 11, 12, 13] })).toEqual([11, undefined, undefined])
  })
})

describe('forEachListPair', () => {
  it('visits each list element with both leaves, nulls kept in place', () => {
    // Row 0: [{a, high}, {b, null}]; row 1: empty list; row 2: [{null, low}].
    const codes = slice(['f', 'list', 'element', 'code'], 3, 3, 1, [[0, 3], [1, 3], [0, 1], [0, 2]], ['a', 'b'])
    const importances = slice(['f', 'list', 'element', 'importance'], 3, 3, 1, [[0, 3], [1, 2], [0, 1], [0, 3]], ['high', 'low'])
    const seen: unknown[] = []
    forEachListPair(codes, importances, 2, (row, code, importance) => seen.push([row, code, importance]))
    expect(seen).toEqual([[0, 'a', 'high'], [0, 'b', null], [2, null, 'low']])
  })
})
