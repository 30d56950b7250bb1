// Nested row objects from leaf slices, shaped exactly as hyparquet's parquetReadObjects shapes them: we hand
// hyparquet's own Dremel assembly (assembleLists per leaf, assembleNested per top-level group) a schema pruned to
// the requested leaves. Pruning must not change how a group assembles, so a map keeps its key and a value leaf,
// and a group whose list/map/variant shape would change keeps all its leaves.
import type { ParquetParsers, SchemaTree } from 'hyparquet'
import {
  assembleLists,
  assembleNested,
  getTreePath,
  isListLike,
  isMapLike,
  type DecodedValues,
} from './hyparquet-internals'
import { leafKey } from './leaves'
import type { LevelSlice } from './levels'
import type { Row } from './types'

function leavesUnder(node: SchemaTree): SchemaTree[] {
  return node.children.length ? node.children.flatMap(leavesUnder) : [node]
}

function prune(node: SchemaTree, wanted: Set<string>): SchemaTree | undefined {
  if (!node.children.length) return wanted.has(leafKey(node.path)) ? node : undefined
  const children = node.children.flatMap((child) => prune(child, wanted) ?? [])
  if (!children.length) return undefined
  const count = 1 + children.reduce((sum, child) => sum + child.count, 0)
  return { ...node, element: { ...node.element, num_children: children.length }, children, count }
}

/** Leaves to add so that the pruned `node` assembles like the full one; empty when it already does. */
function shapeFixes(full: SchemaTree, pruned: SchemaTree): SchemaTree[] {
  if (isMapLike(full) && !isMapLike(pruned)) {
    // A map needs its key and a value: add whichever half is missing, with as few leaves as possible.
    const [key, value] = full.children[0]?.children ?? []
    const have = new Set(leavesUnder(pruned).map((leaf) => leafKey(leaf.path)))
    const missing = [key, value].flatMap((half) =>
      half && !leavesUnder(half).some((leaf) => have.has(leafKey(leaf.path))) ? leavesUnder(half).slice(0, 1) : [],
    )
    return missing.length ? missing : leavesUnder(full)
  }
  const variant = full.element.logical_type?.type === 'VARIANT'
  if (isListLike(full) !== isListLike(pruned) || isMapLike(full) !== isMapLike(pruned) || variant) {
    const all = leavesUnder(full)
    return all.length === leavesUnder(pruned).length ? [] : all
  }
  const fixes: SchemaTree[] = []
  for (const child of pruned.children) {
    const fullChild = full.children.find((c) => c.element.name === child.element.name)
    if (fullChild) fixes.push(...shapeFixes(fullChild, child))
  }
  return fixes
}

/**
 * The schema pruned to the requested paths (a group path stands for all its leaves), and the leaves to read: the
 * requested ones plus any the shape needs. Throws for paths not in the schema.
 */
export function pruneSchema(root: SchemaTree, paths: readonly string[][]): { root: SchemaTree; leaves: string[][] } {
  const wanted = new Set<string>()
  for (const path of paths) {
    const node = getTreePath(root, path).at(-1)
    if (!node || node === root) throw new Error('parquet leaf path is empty')
    for (const leaf of leavesUnder(node)) wanted.add(leafKey(leaf.path))
  }
  for (;;) {
    const pruned = prune(root, wanted)
    if (!pruned) throw new Error('parquet read needs at least one leaf')
    const fixes = shapeFixes(root, pruned).filter((leaf) => !wanted.has(leafKey(leaf.path)))
    if (!fixes.length) {
      return { root: pruned, leaves: leavesUnder(pruned).map((leaf) => leaf.path) }
    }
    for (const leaf of fixes) wanted.add(leafKey(leaf.path))
  }
}

function assembleLeaf(fullRoot: SchemaTree, leaf: SchemaTree, slice: LevelSlice): DecodedValues {
  return assembleLists([], slice.def, slice.rep ?? [], slice.values, getTreePath(fullRoot, leaf.path))
}

/** Row objects from the slices of every leaf of `pruned` (keyed by dotted path), all over the same rows. */
export function assembleRows(
  fullRoot: SchemaTree,
  pruned: SchemaTree,
  slices: Map<string, LevelSlice>,
  rowCount: number,
  parsers: ParquetParsers,
): Row[] {
  const rows: Row[] = Array.from({ length: rowCount }, () => ({}))
  if (rowCount === 0) return rows
  const sliceOf = (leaf: SchemaTree): LevelSlice => {
    const slice = slices.get(leafKey(leaf.path))
    if (!slice || slice.rowCount !== rowCount) throw new Error(`parquet leaf ${leafKey(leaf.path)} was not read`)
    return slice
  }
  for (const column of pruned.children) {
    let assembled: DecodedValues | undefined
    if (!column.children.length) {
      assembled = assembleLeaf(fullRoot, column, sliceOf(column))
    } else {
      const subcolumns = new Map<string, DecodedValues>()
      for (const leaf of leavesUnder(column)) subcolumns.set(leafKey(leaf.path), assembleLeaf(fullRoot, leaf, sliceOf(leaf)))
      assembleNested(subcolumns, column, parsers)
      assembled = subcolumns.get(column.element.name)
    }
    if (!assembled || assembled.length !== rowCount) throw new Error(`parquet column ${column.element.name} did not assemble`)
    for (let i = 0; i < rowCount; i++) {
      const row = rows[i]
      if (row) row[column.element.name] = assembled[i]
    }
  }
  return rows
}
