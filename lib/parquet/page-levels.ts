// The first half of decoding a data page (page-body.ts): its repetition and definition levels, straight into
// Uint8Arrays, and its values section decompressed, from the whole body or from a prefix of it. V1 pages compress
// levels and values together; V2 pages keep the levels uncompressed ahead of the values.
import type { Encoding, PageHeader } from 'hyparquet'
import type { LeafDecoder } from './hyparquet-internals'
import type { LevelBounds } from './page-decode'
import { NeedBytes, readRleHybridPrefix, snappyPrefix } from './prefix-codecs'

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

export interface Levels {
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

export function u32(bytes: Uint8Array, at: number): number {
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

/**
 * Decompresses (a prefix of) a body; a whole body must decompress to exactly the size its header gives. A whole
 * body goes to the reader's own decompressor for its codec when it has one (compressors.ts).
 */
function decompress(bytes: Uint8Array, size: number, decoder: LeafDecoder, whole: boolean): Uint8Array {
  if (decoder.codec === 'UNCOMPRESSED') return bytes.slice()
  const given = whole ? decoder.compressors?.[decoder.codec] : undefined
  const out = given ? given(bytes, size) : snappyPrefix(bytes, size)
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
export function levelEnd(rep: Uint8Array | undefined, numLevels: number, rows: number): number {
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

/** The page's levels and its (decompressed) values section, for a DATA_PAGE or DATA_PAGE_V2; undefined otherwise. */
export function bodyLevels(header: PageHeader, body: Uint8Array, decoder: LeafDecoder, bounds: LevelBounds, scale: Scale, whole: boolean): Levels | undefined {
  if (header.type === 'DATA_PAGE') return levelsV1(header, body, decoder, bounds, scale, whole)
  if (header.type === 'DATA_PAGE_V2') return levelsV2(header, body, decoder, bounds, scale, whole)
  return undefined
}

