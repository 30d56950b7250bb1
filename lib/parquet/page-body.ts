// A data page's values, on top of its levels (page-levels.ts), decoded with our own codecs (prefix-codecs.ts): from
// the whole body, from a prefix of it (page-prefix.ts), or for scattered rows only. hyparquet's page readers build
// levels as plain JS arrays and copy snappy literals byte by byte; on score files that copying cost more than the
// decoding (a top-N read spent a quarter of its time turning level arrays into Uint8Arrays). Here levels land in
// Uint8Arrays, literals are copied natively, and scattered rows decode only their own values. Covered: SNAPPY or
// uncompressed pages (whole pages in any codec the reader was given a decompressor for), V1 and V2, with PLAIN,
// dictionary or boolean RLE values; anything else goes to hyparquet (page-decode.ts). Reading past a prefix throws
// NeedBytes or RangeError, which page-prefix.ts turns into a retry.
import type { DataReader, Encoding, PageHeader } from 'hyparquet'
import { convertWithDictionary, readPlain, type DecodedValues, type LeafDecoder } from './hyparquet-internals'
import type { DecodedPage, LevelBounds, RowIndex } from './page-decode'
import { bodyLevels, levelEnd, u32, type Levels, type Scale } from './page-levels'
import { NeedBytes, readRleHybridAt, readRleHybridPrefix, TruncatedInput } from './prefix-codecs'

/** Values (non-null entries) among the first `end` levels. */
function definedBefore(def: Uint8Array | undefined, end: number, maxDef: number): number {
  if (!def) return end
  let count = 0
  for (let i = 0; i < end; i++) if (def[i] === maxDef) count += 1
  return count
}

const fixedWidths: Partial<Record<string, number>> = { INT32: 4, FLOAT: 4, INT64: 8, DOUBLE: 8, INT96: 12 }

/** Decompressed bytes the first `count` of `total` values take, at least roughly, for the retry estimate. */
function valuesBytes(levels: Levels, count: number, total: number, decoder: LeafDecoder): number {
  const width = decoder.type === 'FIXED_LEN_BYTE_ARRAY' ? decoder.element.type_length : fixedWidths[decoder.type]
  if (levels.encoding === 'PLAIN' && width) return count * width
  const available = levels.uncompressedSize - levels.valuesAt
  return Math.ceil((available * count) / Math.max(total, 1) * 1.1) + 64
}

/** An RLE/bit-packed stream's first `count` values, or only those at `indexes`. */
function hybridValues(bytes: Uint8Array, start: number, width: number, count: number, indexes?: readonly number[]): Uint8Array | number[] {
  return indexes ? readRleHybridAt(bytes, start, width, indexes) : readRleHybridPrefix(bytes, start, width, count)
}

/**
 * The first `count` values of the page, raw (dictionary indexes, bytes); with `indexes` (sorted, all below `count`),
 * only those, in that order, the others skipped rather than decoded where the encoding allows.
 */
function readValues(levels: Levels, count: number, decoder: LeafDecoder, indexes?: readonly number[]): DecodedValues | undefined {
  const { values, valuesAt, encoding } = levels
  if (count === 0) return []
  if (encoding === 'PLAIN') {
    if (indexes && decoder.type === 'BYTE_ARRAY') return gatherByteArrays(levels, indexes)
    const reader: DataReader = { view: new DataView(values.buffer, values.byteOffset, values.byteLength), offset: valuesAt }
    const read = readPlain(reader, decoder.type, count, decoder.element.type_length)
    if (read.length !== count) throw new TruncatedInput('values run past the prefix')
    return indexes ? indexes.map((i) => read[i]) : read
  }
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    const width = values[valuesAt]
    if (width === undefined) throw new TruncatedInput('dictionary bit width runs past the prefix')
    return hybridValues(values, valuesAt + 1, width, count, indexes)
  }
  if (encoding === 'RLE' && decoder.type === 'BOOLEAN') {
    // Boolean RLE values carry a 4-byte length first, in V1 and V2 pages alike.
    u32(values, valuesAt)
    return Array.from(hybridValues(values, valuesAt + 4, 1, count, indexes), (bit) => bit !== 0)
  }
  return undefined
}

/**
 * The level and value index of every row starting before level `end`, and of the end, in one walk. Levels before
 * the first row start belong to a row begun on an earlier page: their values count, their row does not.
 */
function rowStarts(levels: Levels, end: number, maxDef: number): RowIndex {
  const { def, rep } = levels
  const level = new Int32Array(end + 1)
  const value = new Int32Array(end + 1)
  let rows = 0
  let values = 0
  for (let i = 0; i < end; i++) {
    if (!rep || rep[i] === 0) {
      level[rows] = i
      value[rows] = values
      rows += 1
    }
    if (!def || def[i] === maxDef) values += 1
  }
  level[rows] = end
  value[rows] = values
  return { level: level.subarray(0, rows + 1), value: value.subarray(0, rows + 1) }
}

/** Values at `indexes` (sorted) of a PLAIN BYTE_ARRAY run, walking the lengths of the others without a view each. */
function gatherByteArrays(levels: Levels, indexes: readonly number[]): Uint8Array[] {
  const { values } = levels
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength)
  const out: Uint8Array[] = []
  const last = indexes.at(-1) ?? -1
  let pos = levels.valuesAt
  let k = 0
  for (let index = 0; index <= last; index++) {
    const length = view.getUint32(pos, true)
    pos += 4
    if (pos + length > values.length) throw new TruncatedInput('byte array runs past the prefix')
    if (index === indexes[k]) {
      out.push(values.subarray(pos, pos + length))
      k += 1
    }
    pos += length
  }
  return out
}

/**
 * Only the wanted rows' values, decoded and converted, in row order; the row index is rewritten to point into them
 * (other rows get empty value ranges, which is why slicing them out of such a page is an error). A top-N's winners
 * or a sorted view's rows need a handful of a page's 20,000 identities, not every one as a string.
 */
function readWantedValues(
  levels: Levels,
  index: RowIndex,
  wanted: readonly number[],
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
): DecodedValues | undefined {
  const rows = index.level.length - 1
  const indexes: number[] = []
  for (const row of wanted) {
    if (row >= rows) continue
    for (let i = index.value[row] ?? 0; i < (index.value[row + 1] ?? 0); i++) indexes.push(i)
  }
  const last = (indexes.at(-1) ?? -1) + 1
  const raw = readValues(levels, last, decoder, indexes)
  if (!raw) return undefined
  let at = 0
  let w = 0
  for (let row = 0; row <= rows; row++) {
    const start = index.value[row] ?? 0
    index.value[row] = at
    if (row === wanted[w]) {
      at += (index.value[row + 1] ?? 0) - start
      w += 1
    }
  }
  return convertWithDictionary(raw, dictionary, levels.encoding, decoder)
}

const readableEncodings = new Set<Encoding>(['PLAIN', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY'])

/** Whether decodeBody reads pages of this header and leaf (the rest go to hyparquet). */
function readable(header: PageHeader, decoder: LeafDecoder, whole: boolean): boolean {
  const codec = decoder.codec === 'SNAPPY' || decoder.codec === 'UNCOMPRESSED' || (whole && decoder.compressors?.[decoder.codec])
  if (!codec) return false
  const encoding = header.data_page_header?.encoding ?? header.data_page_header_v2?.encoding
  if (!encoding) return false
  return readableEncodings.has(encoding) || (encoding === 'RLE' && decoder.type === 'BOOLEAN')
}

/**
 * Decodes the rows starting in a page before row `rows` (counted from its first row; all of them when undefined)
 * from its body or a prefix of it. With `wanted` (sorted row offsets in the page), only those rows' values are
 * decoded: the levels are whole, the values array has holes elsewhere. Undefined when the page's encoding, codec or
 * type is not ours to read.
 */
export function decodeBody(
  header: PageHeader,
  body: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
  rows: number | undefined,
  scale: Scale = { plain: 0, ratio: 1 },
  wanted?: readonly number[],
): DecodedPage | undefined {
  const whole = body.length >= header.compressed_page_size
  if (!readable(header, decoder, whole)) return undefined
  const levels = bodyLevels(header, body, decoder, bounds, scale, whole)
  if (!levels) return undefined
  const end = rows === undefined ? levels.numLevels : levelEnd(levels.rep, levels.numLevels, rows)
  if (levels.encoding.endsWith('_DICTIONARY') && !dictionary) {
    throw new Error(`parquet page of ${decoder.pathInSchema.join('.')} is dictionary-encoded but has no dictionary`)
  }
  let values: DecodedValues | undefined
  let rowIndex: RowIndex | undefined
  try {
    const index = wanted && rowStarts(levels, end, bounds.maxDefinitionLevel)
    // A page opening on the tail of an earlier row is stitched to it whole (levels.ts): all its values are read.
    if (wanted && index && index.level[0] === 0) {
      values = readWantedValues(levels, index, wanted, decoder, dictionary)
      rowIndex = index
    } else {
      const raw = readValues(levels, definedBefore(levels.def, end, bounds.maxDefinitionLevel), decoder)
      values = raw && convertWithDictionary(raw, dictionary, levels.encoding, decoder)
    }
  } catch (error) {
    if (!(error instanceof RangeError) || whole) throw error
    const count = definedBefore(levels.def, end, bounds.maxDefinitionLevel)
    const total = definedBefore(levels.def, levels.numLevels, bounds.maxDefinitionLevel)
    throw new NeedBytes(levels.bodyOffset + levels.valuesAt + valuesBytes(levels, count, total, decoder))
  }
  if (!values) return undefined
  const cut = end < levels.numLevels
  return {
    numLevels: end,
    def: cut ? levels.def?.slice(0, end) : levels.def,
    rep: cut ? levels.rep?.slice(0, end) : levels.rep,
    values,
    rowIndex,
  }
}
