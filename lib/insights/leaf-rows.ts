// Per-row facts out of whole-leaf reads (values plus Dremel levels), without assembling rows: assembling a 300,000-row
// file's nested rows costs seconds and gigabytes (design.md), walking two leaves' levels costs milliseconds. Pure.
//
// In a level stream a repetition level of 0 starts a row, and a value is present where the definition level is the
// leaf's maximum. Deeper repetition levels say at which repeated ancestor a new entry starts.
import type { SchemaTree } from 'hyparquet'
import type { LeafSlice } from '@/lib/parquet/types'

/** The definition level at which the node at `path` is present (each non-required node on the way adds one). */
export function definitionLevelOf(root: SchemaTree, path: readonly string[]): number {
  let node = root
  let level = 0
  for (const name of path) {
    const child = node.children.find((c) => c.element.name === name)
    if (!child) throw new Error(`schema has no ${path.join('.')}`)
    if (child.element.repetition_type !== 'REQUIRED') level += 1
    node = child
  }
  return level
}

const rowsOf = (slice: LeafSlice) => slice.rowEnd - slice.rowStart

/**
 * The first identity of one namespace per row, from the map `identityMap: {namespace: [{id, ...}]}` read as its key
 * leaf (`identityMap.key_value.key`) and its id leaf (`...value.list.element.id`). The same as DuckDB's
 * `identityMap['ECID'][1].id`: undefined where the row has no such entry, or its first item has no id. The ids are
 * the leaf's values: strings, or numbers where the leaf was read with a parser that stands for them (IdentityHashes).
 */
export function identityPerRow(keys: LeafSlice, ids: LeafSlice, namespace = 'ECID'): (string | number | undefined)[] {
  const rows = rowsOf(keys)
  // Which map entry of each row holds the namespace (-1: none).
  const entryOf = new Int32Array(rows).fill(-1)
  walkEntries(keys, 1, (row, entry, _item, value) => {
    if (value === namespace && entryOf[row] === -1) entryOf[row] = entry
  })
  const out = new Array<string | number | undefined>(rows).fill(undefined)
  walkEntries(ids, 2, (row, entry, item, value) => {
    if (item === 0 && entry === entryOf[row] && (typeof value === 'string' || typeof value === 'number')) out[row] = value
  })
  return out
}

/**
 * Calls `visit` for every level entry of a leaf under a map (repetition 1: a new map entry) and, when `itemLevel` is
 * 2, a list inside it (repetition 2: a new item), with the row, entry and item index and the value if present.
 */
function walkEntries(
  slice: LeafSlice,
  itemLevel: 1 | 2,
  visit: (row: number, entry: number, item: number, value: unknown) => void,
): void {
  const { values, definitionLevels: def, repetitionLevels: rep, maxDefinitionLevel } = slice
  if (!rep) throw new Error(`${slice.path.join('.')} is not repeated`)
  let row = -1
  let entry = 0
  let item = 0
  let next = 0
  for (let i = 0; i < rep.length; i++) {
    const level = rep[i] ?? 0
    if (level === 0) {
      row += 1
      entry = 0
      item = 0
    } else if (level === 1) {
      entry += 1
      item = 0
    } else if (itemLevel === 2) {
      item += 1
    }
    const present = !def || def[i] === maxDefinitionLevel
    visit(row, entry, item, present ? values[next++] : undefined)
  }
}

/**
 * Every element of a list of structs read as two of its leaves (e.g. influential factors' code and importance),
 * in order, with its row. `elementLevel` is the definition level at which a list element exists; an element whose
 * leaf is null is visited with null. The two leaves share their repetition levels, as siblings always do.
 */
export function forEachListPair(
  a: LeafSlice,
  b: LeafSlice,
  elementLevel: number,
  visit: (row: number, first: unknown, second: unknown) => void,
): void {
  const repA = a.repetitionLevels
  const defA = a.definitionLevels
  const defB = b.definitionLevels
  if (!repA || !defA || !defB) throw new Error(`${a.path.join('.')} is not a list leaf`)
  if (defB.length !== defA.length) throw new Error('sibling leaves disagree on their level entries')
  let row = -1
  let nextA = 0
  let nextB = 0
  for (let i = 0; i < repA.length; i++) {
    if (repA[i] === 0) row += 1
    const levelA = defA[i] ?? 0
    const levelB = defB[i] ?? 0
    const first = levelA === a.maxDefinitionLevel ? a.values[nextA++] : null
    const second = levelB === b.maxDefinitionLevel ? b.values[nextB++] : null
    if (levelA >= elementLevel) visit(row, first, second)
  }
}
