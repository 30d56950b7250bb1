// Decoding one whole page: a dictionary page into converted dictionary values, a data page (V1 or V2) into its levels
// and converted values. Unlike hyparquet's readPage we stop before Dremel assembly, so pages can be cut at row
// boundaries and stitched together (levels.ts) before anything is assembled. Data pages go through our own codecs
// (page-body.ts) where they cover the page, else through hyparquet's page functions, which also serve the tests as
// the reference our codecs must match.
import type { DataReader, PageHeader } from 'hyparquet'
import {
  convert,
  convertWithDictionary,
  decompressPage,
  parquetHeader,
  readDataPage,
  readDataPageV2,
  readPlain,
  type DecodedValues,
  type LeafDecoder,
  type RawDataPage,
} from './hyparquet-internals'
import { decodeBody } from './page-body'

/** A data page's level entries and non-null values (both possibly cut short, see page-prefix.ts). */
export interface DecodedPage {
  numLevels: number
  /** Absent when the leaf's max definition level is 0. */
  def?: Uint8Array
  /** Absent when the leaf's max repetition level is 0. */
  rep?: Uint8Array
  values: DecodedValues
  /**
   * Where each row starting in the page begins (level and value index), and where the last ends, when the decoder
   * already walked the levels for it (scattered-row reads): the run built from the page reuses it.
   */
  rowIndex?: RowIndex
}

/** Level and value index of each row start, plus one entry for the end. */
export interface RowIndex {
  level: Int32Array
  value: Int32Array
}

export interface LevelBounds {
  maxDefinitionLevel: number
  maxRepetitionLevel: number
}

/** Reads the page header at the start of `bytes`; `bodyStart` is where the page body begins. */
export function readHeader(bytes: Uint8Array): { header: PageHeader; bodyStart: number } {
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }
  const header = parquetHeader(reader)
  return { header, bodyStart: reader.offset }
}

function pageBody(bytes: Uint8Array, header: PageHeader, bodyStart: number): Uint8Array {
  const end = bodyStart + header.compressed_page_size
  if (end > bytes.length) throw new Error(`parquet page body needs ${end} bytes, got ${bytes.length}`)
  return bytes.subarray(bodyStart, end)
}

/** Decodes a dictionary page (header included) into converted values. */
export function decodeDictionaryPage(bytes: Uint8Array, decoder: LeafDecoder): DecodedValues {
  const { header, bodyStart } = readHeader(bytes)
  const dictionaryHeader = header.dictionary_page_header
  if (header.type !== 'DICTIONARY_PAGE' || !dictionaryHeader) {
    throw new Error(`parquet expected a dictionary page, found ${header.type}`)
  }
  const page = decompressPage(
    pageBody(bytes, header, bodyStart),
    header.uncompressed_page_size,
    decoder.codec,
    decoder.compressors,
  )
  const reader: DataReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }
  const values = readPlain(reader, decoder.type, dictionaryHeader.num_values, decoder.element.type_length)
  return convert(values, decoder)
}

/**
 * hyparquet leaves V1 definition levels empty when a page has no nulls, and levels it does not need undefined;
 * we always return one entry per level when the leaf has levels, so pages concatenate uniformly.
 */
export function normalizeLevels(raw: RawDataPage, numLevels: number, bounds: LevelBounds): Omit<DecodedPage, 'values'> {
  let def: Uint8Array | undefined
  if (bounds.maxDefinitionLevel > 0) {
    def =
      raw.definitionLevels && raw.definitionLevels.length === numLevels
        ? Uint8Array.from(raw.definitionLevels)
        : new Uint8Array(numLevels).fill(bounds.maxDefinitionLevel)
  }
  let rep: Uint8Array | undefined
  if (bounds.maxRepetitionLevel > 0) {
    if (raw.repetitionLevels.length !== numLevels) throw new Error('parquet page repetition levels are incomplete')
    rep = Uint8Array.from(raw.repetitionLevels)
  }
  return { numLevels, def, rep }
}

/**
 * Decodes a whole data page (header included). Dictionary-encoded pages need their chunk's dictionary. With
 * `wanted` (sorted row offsets in the page), values of other rows may be left out (page-body.ts).
 */
export function decodeDataPage(
  bytes: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
  wanted?: readonly number[],
): DecodedPage {
  const { header, bodyStart } = readHeader(bytes)
  const body = pageBody(bytes, header, bodyStart)
  return (
    decodeBody(header, body, decoder, dictionary, bounds, undefined, undefined, wanted) ??
    decodeWithHyparquet(header, body, decoder, dictionary, bounds)
  )
}

/** The same with hyparquet's page functions only: what decodeDataPage must match. */
export function decodeDataPageWithHyparquet(
  bytes: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
): DecodedPage {
  const { header, bodyStart } = readHeader(bytes)
  return decodeWithHyparquet(header, pageBody(bytes, header, bodyStart), decoder, dictionary, bounds)
}

function decodeWithHyparquet(
  header: PageHeader,
  body: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
): DecodedPage {
  let raw: RawDataPage
  let numLevels: number
  let encoding
  if (header.type === 'DATA_PAGE' && header.data_page_header) {
    const page = decompressPage(body, header.uncompressed_page_size, decoder.codec, decoder.compressors)
    raw = readDataPage(page, header.data_page_header, decoder)
    numLevels = header.data_page_header.num_values
    encoding = header.data_page_header.encoding
  } else if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
    raw = readDataPageV2(body, header, decoder)
    numLevels = header.data_page_header_v2.num_values
    encoding = header.data_page_header_v2.encoding
  } else {
    throw new Error(`parquet expected a data page, found ${header.type}`)
  }
  if (encoding.endsWith('_DICTIONARY') && !dictionary) {
    throw new Error(`parquet page of ${decoder.pathInSchema.join('.')} is dictionary-encoded but has no dictionary`)
  }
  const values = convertWithDictionary(raw.dataPage, dictionary, encoding, decoder)
  return { ...normalizeLevels(raw, numLevels, bounds), values }
}
