// A data page's levels and values decoded with our own codecs (prefix-codecs.ts), from the whole body or from a
// prefix of it. hyparquet's page readers build levels as plain JS arrays and copy snappy literals byte by byte; on
// score files that copying cost more than the decoding (a top-N read spent a quarter of its time turning level
// arrays into Uint8Arrays). Here levels land in Uint8Arrays and literals are copied natively. Covered: SNAPPY or
// uncompressed pages, V1 and V2, with PLAIN, dictionary or boolean RLE values; anything else goes to hyparquet
// (page-decode.ts). Reading past a prefix throws NeedBytes or RangeError, which page-prefix.ts turns into a retry.
import type { DataReader, Encoding, PageHeader } from 'hyparquet'
import { convertWithDictionary, readPlain, type DecodedValues, type LeafDecoder } from './hyparquet-internals'
import type { DecodedPage, LevelBounds } from './page-decode'
import { NeedBytes, readRleHybridPrefix, snappyPrefix, TruncatedInput } from './prefix-codecs'

const bitWidth = (max: number) => 32 - Math.clz32(max)

/**
 * How body bytes map to decoded bytes, to turn "need N decoded bytes" into a prefix length: the first `plain`
 * bytes are stored as they are (V2 levels), the rest compress at `ratio` (as observed on the prefix so far).
 */
export interface Scale {
  plain: number
  ratio: number
}

const asLevels = (levels: Uint8Array | number[]) => (levels instanceof Uint8Array ? levels : Uint8Array.from(levels))

interface Levels {
  def?: Uint8Array
  rep?: Uint8Array
  numLevels: number
  /** Decompressed values (a V2 page) or whole decompressed page (V1), and where the values start in it. */
  values: Uint8Array
  valuesAt: number
  /** Where `values` starts in the page body: V2 levels precede the compressed values. */
  bodyOffset: number
  uncompressedSize: number
  encoding: Encoding
}

function u32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) throw new NeedBytes(at + 4)
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true)
}

/** RLE levels behind a 4-byte length at `at`; the whole section must be present (values follow it). */
function levelSection(page: Uint8Array, at: number, max: number, count: number): { levels: Uint8Array; next: number } {
  const length = u32(page, at)
  const next = at + 4 + length
  if (page.length < next) throw new NeedBytes(next)
  return { levels: asLevels(readRleHybridPrefix(page.subarray(0, next), at + 4, bitWidth(max), count)), next }
}

/** Decompresses (a prefix of) a body; a whole body must decompress to exactly the size its header gives. */
function decompress(bytes: Uint8Array, size: number, decoder: LeafDecoder, whole: boolean): Uint8Array {
  if (decoder.codec !== 'SNAPPY') return bytes.slice()
  const out = snappyPrefix(bytes, size)
  if (whole && out.length !== size) {
    throw new Error(`parquet page of ${decoder.pathInSchema.join('.')} decompresses to ${out.length} bytes, not ${size}`)
  }
  return out
}

/** V1: levels and values are compressed together, levels each behind a 4-byte length. */
function levelsV1(header: PageHeader, body: Uint8Array, decoder: LeafDecoder, bounds: LevelBounds, scale: Scale, whole: boolean): Levels {
  const daph = header.data_page_header
  if (!daph) throw new Error('parquet data page header is missing')
  const page = decompress(body, header.uncompressed_page_size, decoder, whole)
  scale.ratio = page.length ? body.length / page.length : 1
  let at = 0
  let rep: Uint8Array | undefined
  let def: Uint8Array | undefined
  if (bounds.maxRepetitionLevel > 0) {
    const section = levelSection(page, at, bounds.maxRepetitionLevel, daph.num_values)
    rep = section.levels
    at = section.next
  }
  if (bounds.maxDefinitionLevel > 0) {
    const section = levelSection(page, at, bounds.maxDefinitionLevel, daph.num_values)
    def = section.levels
    at = section.next
  }
  const { uncompressed_page_size: uncompressedSize } = header
  return { rep, def, numLevels: daph.num_values, values: page, valuesAt: at, bodyOffset: 0, uncompressedSize, encoding: daph.encoding }
}

/** V2: levels are stored uncompressed ahead of the (possibly compressed) values, with their byte lengths known. */
function levelsV2(header: PageHeader, body: Uint8Array, decoder: LeafDecoder, bounds: LevelBounds, scale: Scale, whole: boolean): Levels {
  const daph2 = header.data_page_header_v2
  if (!daph2) throw new Error('parquet data page header v2 is missing')
  const repLength = daph2.repetition_levels_byte_length
  const defLength = daph2.definition_levels_byte_length
  const levelsLength = repLength + defLength
  scale.plain = levelsLength
  if (body.length < levelsLength) throw new NeedBytes(levelsLength)
  const levels = (from: number, to: number, max: number) =>
    asLevels(readRleHybridPrefix(body.subarray(from, to), 0, bitWidth(max), daph2.num_values))
  const rep = bounds.maxRepetitionLevel ? levels(0, repLength, bounds.maxRepetitionLevel) : undefined
  const def = bounds.maxDefinitionLevel ? levels(repLength, levelsLength, bounds.maxDefinitionLevel) : undefined
  const compressed = body.subarray(levelsLength)
  const size = header.uncompressed_page_size - levelsLength
  const values = daph2.is_compressed !== false && size > 0 ? decompress(compressed, size, decoder, whole) : compressed.slice()
  scale.ratio = values.length ? compressed.length / values.length : 1
  return { rep, def, numLevels: daph2.num_values, values, valuesAt: 0, bodyOffset: levelsLength, uncompressedSize: size, encoding: daph2.encoding }
}

/** The level index where row `rows` (counted from the page's first row start) begins. */
function levelEnd(rep: Uint8Array | undefined, numLevels: number, rows: number): number {
  if (!rep) return Math.min(rows, numLevels)
  let seen = 0
  for (let i = 0; i < numLevels; i++) {
    if (rep[i] === 0) {
      if (seen === rows) return i
      seen += 1
    }
  }
  return numLevels
}

const fixedWidths: Partial<Record<string, number>> = { INT32: 4, FLOAT: 4, INT64: 8, DOUBLE: 8, INT96: 12 }

/** Decompressed bytes the first `count` of `total` values take, at least roughly, for the retry estimate. */
function valuesBytes(levels: Levels, count: number, total: number, decoder: LeafDecoder): number {
  const width = decoder.type === 'FIXED_LEN_BYTE_ARRAY' ? decoder.element.type_length : fixedWidths[decoder.type]
  if (levels.encoding === 'PLAIN' && width) return count * width
  const available = levels.uncompressedSize - levels.valuesAt
  return Math.ceil((available * count) / Math.max(total, 1) * 1.1) + 64
}

function readValues(levels: Levels, count: number, decoder: LeafDecoder): DecodedValues | undefined {
  const { values, valuesAt, encoding } = levels
  if (count === 0) return []
  if (encoding === 'PLAIN') {
    const reader: DataReader = { view: new DataView(values.buffer, values.byteOffset, values.byteLength), offset: valuesAt }
    const read = readPlain(reader, decoder.type, count, decoder.element.type_length)
    if (read.length !== count) throw new TruncatedInput('values run past the prefix')
    return read
  }
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    const width = values[valuesAt]
    if (width === undefined) throw new TruncatedInput('dictionary bit width runs past the prefix')
    return readRleHybridPrefix(values, valuesAt + 1, width, count)
  }
  if (encoding === 'RLE' && decoder.type === 'BOOLEAN') {
    // Boolean RLE values carry a 4-byte length first, in V1 and V2 pages alike.
    u32(values, valuesAt)
    return Array.from(readRleHybridPrefix(values, valuesAt + 4, 1, count), (bit) => bit !== 0)
  }
  return undefined
}

const readableEncodings = new Set<Encoding>(['PLAIN', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY'])

/** Whether decodeBody reads pages of this header and leaf (the rest go to hyparquet). */
function readable(header: PageHeader, decoder: LeafDecoder): boolean {
  if (decoder.codec !== 'SNAPPY' && decoder.codec !== 'UNCOMPRESSED') return false
  const encoding = header.data_page_header?.encoding ?? header.data_page_header_v2?.encoding
  if (!encoding) return false
  return readableEncodings.has(encoding) || (encoding === 'RLE' && decoder.type === 'BOOLEAN')
}

/**
 * Decodes the rows starting in a page before row `rows` (counted from its first row; all of them when undefined)
 * from its body or a prefix of it. Undefined when the page's encoding, codec or type is not ours to read.
 */
export function decodeBody(
  header: PageHeader,
  body: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
  rows: number | undefined,
  scale: Scale = { plain: 0, ratio: 1 },
): DecodedPage | undefined {
  if (!readable(header, decoder)) return undefined
  const whole = body.length >= header.compressed_page_size
  let levels: Levels
  if (header.type === 'DATA_PAGE') levels = levelsV1(header, body, decoder, bounds, scale, whole)
  else if (header.type === 'DATA_PAGE_V2') levels = levelsV2(header, body, decoder, bounds, scale, whole)
  else return undefined
  const end = rows === undefined ? levels.numLevels : levelEnd(levels.rep, levels.numLevels, rows)
  let count = end
  let total = levels.numLevels
  if (levels.def) {
    count = 0
    total = 0
    const { def } = levels
    const max = bounds.maxDefinitionLevel
    for (let i = 0; i < levels.numLevels; i++) {
      if (def[i] === max) {
        total += 1
        if (i < end) count += 1
      }
    }
  }
  let raw: DecodedValues | undefined
  try {
    raw = readValues(levels, count, decoder)
  } catch (error) {
    if (!(error instanceof RangeError) || whole) throw error
    throw new NeedBytes(levels.bodyOffset + levels.valuesAt + valuesBytes(levels, count, total, decoder))
  }
  if (!raw) return undefined
  if (levels.encoding.endsWith('_DICTIONARY') && !dictionary) {
    throw new Error(`parquet page of ${decoder.pathInSchema.join('.')} is dictionary-encoded but has no dictionary`)
  }
  const cut = end < levels.numLevels
  return {
    numLevels: end,
    def: cut ? levels.def?.slice(0, end) : levels.def,
    rep: cut ? levels.rep?.slice(0, end) : levels.rep,
    values: convertWithDictionary(raw, dictionary, levels.encoding, decoder),
  }
}
