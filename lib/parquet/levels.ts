// Rows out of level streams. Decoded pages are concatenated into a run (consecutive pages of one chunk), and a run is
// cut at row boundaries: a row starts at each repetition level 0 (every level entry is a row for leaves outside any
// repeated group), and the non-null values before a level entry are those whose definition level is the maximum.
import type { DecodedValues } from './hyparquet-internals'
import type { DecodedPage } from './page-decode'

/** Level entries and values of whole rows. */
export interface LevelSlice {
  rowCount: number
  def?: Uint8Array
  rep?: Uint8Array
  values: DecodedValues
}

/** Consecutive pages of one chunk, starting at a row boundary. */
export interface LeafRun extends LevelSlice {
  firstRow: number
  /** Lazily built: level and value index of each row start, and of the end. */
  index?: { level: Int32Array; value: Int32Array }
}

type TypedValues = Exclude<DecodedValues, unknown[]>

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0]
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** Concatenates values, keeping a typed array when every part is one of the same kind. */
export function concatValues(parts: DecodedValues[]): DecodedValues {
  if (parts.length === 1 && parts[0]) return parts[0]
  const first = parts[0]
  if (first && !Array.isArray(first) && parts.every((p) => p.constructor === first.constructor)) {
    const typed = parts as TypedValues[]
    const Ctor = first.constructor as new (length: number) => TypedValues & { set(array: ArrayLike<unknown>, offset: number): void }
    const out = new Ctor(typed.reduce((sum, p) => sum + p.length, 0))
    let at = 0
    for (const part of typed) {
      out.set(part as ArrayLike<unknown>, at)
      at += part.length
    }
    return out
  }
  // Pages of strings and other boxed values: the engine's own concat beats pushing a million values one by one.
  if (parts.every((p) => Array.isArray(p))) return ([] as unknown[]).concat(...(parts as unknown[][]))
  const out: unknown[] = []
  for (const part of parts) for (let i = 0; i < part.length; i++) out.push(part[i])
  return out
}

function countDefined(def: Uint8Array | undefined, from: number, to: number, maxDef: number): number {
  if (!def) return to - from
  let count = 0
  for (let i = from; i < to; i++) if (def[i] === maxDef) count += 1
  return count
}

/** Stitches decoded pages into a run; a leading tail of a row begun before the first page is dropped. */
export function buildRun(pages: DecodedPage[], firstRow: number, maxDef: number): LeafRun {
  const [only] = pages
  // One page whose decoder already indexed its rows, starting at a row boundary: the index is the run's.
  if (pages.length === 1 && only?.rowIndex && only.rowIndex.level[0] === 0) {
    const { def, rep, values, rowIndex } = only
    return { firstRow, rowCount: rowIndex.level.length - 1, def, rep, values, index: rowIndex }
  }
  const defParts = pages.flatMap((p) => (p.def ? [p.def] : []))
  const repParts = pages.flatMap((p) => (p.rep ? [p.rep] : []))
  let def = defParts.length ? concatBytes(defParts) : undefined
  let rep = repParts.length ? concatBytes(repParts) : undefined
  let values = concatValues(pages.map((p) => p.values))
  const numLevels = pages.reduce((sum, p) => sum + p.numLevels, 0)
  let rowCount = numLevels
  if (rep) {
    let skip = 0
    while (skip < rep.length && rep[skip] !== 0) skip += 1
    if (skip > 0) {
      values = values.slice(countDefined(def, 0, skip, maxDef))
      def = def?.subarray(skip)
      rep = rep.subarray(skip)
    }
    rowCount = 0
    for (let i = 0; i < rep.length; i++) if (rep[i] === 0) rowCount += 1
  }
  return { firstRow, rowCount, def, rep, values }
}

function indexOf(run: LeafRun, maxDef: number): { level: Int32Array; value: Int32Array } {
  if (run.index) return run.index
  const level = new Int32Array(run.rowCount + 1)
  const value = new Int32Array(run.rowCount + 1)
  const numLevels = run.rep?.length ?? run.def?.length ?? run.values.length
  let row = 0
  let values = 0
  for (let i = 0; i < numLevels; i++) {
    if (!run.rep || run.rep[i] === 0) {
      level[row] = i
      value[row] = values
      row += 1
    }
    if (!run.def || run.def[i] === maxDef) values += 1
  }
  level[row] = numLevels
  value[row] = values
  run.index = { level, value }
  return run.index
}

/** Rows [rowStart, rowEnd) (file-global) of a run, as views into it. */
export function sliceRun(run: LeafRun, rowStart: number, rowEnd: number, maxDef: number): LevelSlice {
  const from = rowStart - run.firstRow
  const to = rowEnd - run.firstRow
  if (from < 0 || to > run.rowCount || to < from) {
    throw new Error(`rows ${rowStart}-${rowEnd} are outside the run of ${run.firstRow}+${run.rowCount}`)
  }
  if (from === 0 && to === run.rowCount) return run
  const index = indexOf(run, maxDef)
  const [l0, l1, v0, v1] = [index.level[from], index.level[to], index.value[from], index.value[to]]
  if (l0 === undefined || l1 === undefined || v0 === undefined || v1 === undefined) throw new Error('bad row index')
  return {
    rowCount: to - from,
    def: run.def?.subarray(l0, l1),
    rep: run.rep?.subarray(l0, l1),
    values: run.values.slice(v0, v1),
  }
}

/** Concatenates slices of whole rows (of one leaf) into one. */
export function concatSlices(slices: LevelSlice[]): LevelSlice {
  if (slices.length === 1 && slices[0]) return slices[0]
  const defs = slices.flatMap((s) => (s.def ? [s.def] : []))
  const reps = slices.flatMap((s) => (s.rep ? [s.rep] : []))
  return {
    rowCount: slices.reduce((sum, s) => sum + s.rowCount, 0),
    def: defs.length ? concatBytes(defs) : undefined,
    rep: reps.length ? concatBytes(reps) : undefined,
    values: concatValues(slices.map((s) => s.values)),
  }
}

/**
 * One value per row for a leaf outside any repeated group (what sorting, filtering and top-N need): the value, or
 * null where the leaf or one of its ancestors is null.
 */
export function rowValues(slice: { values: DecodedValues; definitionLevels?: Uint8Array; maxDefinitionLevel: number; repetitionLevels?: Uint8Array }): DecodedValues {
  if (slice.repetitionLevels) throw new Error('rowValues needs a leaf outside repeated groups')
  const def = slice.definitionLevels
  if (!def || slice.values.length === def.length) return slice.values
  const out = new Array<unknown>(def.length)
  let v = 0
  for (let i = 0; i < def.length; i++) out[i] = def[i] === slice.maxDefinitionLevel ? slice.values[v++] : null
  return out
}
