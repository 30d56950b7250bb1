// The one door into hyparquet's internals. Its public API reads whole row groups and whole top-level columns; our
// page-level reader (file.ts) needs the lower-level pieces hyparquet exports from `hyparquet/src/*.js`: page headers,
// page decoding, type conversion, schema levels and Dremel assembly. Every deep import lives here, typed with our own
// signatures, and hyparquet-internals.test.ts fails if any of them moves or changes (hyparquet is pinned exactly in
// package.json for that reason). Nothing else in the app may import `hyparquet/src/*`.
import type {
  CompressionCodec,
  Compressors,
  DataPageHeader,
  DataReader,
  Encoding,
  PageHeader,
  ParquetParsers,
  ParquetType,
  SchemaElement,
  SchemaTree,
} from 'hyparquet'
import * as assemble from 'hyparquet/src/assemble.js'
import * as column from 'hyparquet/src/column.js'
import * as convertModule from 'hyparquet/src/convert.js'
import * as datapage from 'hyparquet/src/datapage.js'
import * as plain from 'hyparquet/src/plain.js'
import * as schema from 'hyparquet/src/schema.js'

/** Decoded leaf values: a typed array for numbers read straight from a page, otherwise plain values. */
export type DecodedValues =
  | Uint8Array
  | Uint32Array
  | Int32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array
  | unknown[]

/** What hyparquet's page decoders need to know about a leaf (hyparquet calls it a ColumnDecoder). */
export interface LeafDecoder {
  pathInSchema: string[]
  type: ParquetType
  element: SchemaElement
  schemaPath: SchemaTree[]
  codec: CompressionCodec
  parsers: ParquetParsers
  compressors?: Compressors
  utf8?: boolean
}

/** A data page as hyparquet decodes it: levels (possibly empty, see page-decode.ts) and the non-null values. */
export interface RawDataPage {
  definitionLevels: number[] | undefined
  repetitionLevels: number[]
  dataPage: DecodedValues
}

/** Reads a thrift page header, leaving `reader.offset` at the first byte of the page body. */
export const parquetHeader: (reader: DataReader) => PageHeader = column.parquetHeader

/** Decompresses a V1 page body (or a dictionary page) with hyparquet's codecs, or the caller's `compressors`. */
export const decompressPage: (
  compressed: Uint8Array,
  uncompressedSize: number,
  codec: CompressionCodec,
  compressors: Compressors | undefined,
) => Uint8Array = datapage.decompressPage

/** Decodes a decompressed V1 data page body. */
export const readDataPage: (body: Uint8Array, header: DataPageHeader, decoder: LeafDecoder) => RawDataPage =
  datapage.readDataPage

/** Decodes a V2 data page body (levels are stored uncompressed ahead of the values; it decompresses the rest). */
export const readDataPageV2: (body: Uint8Array, header: PageHeader, decoder: LeafDecoder) => RawDataPage =
  datapage.readDataPageV2

/** Reads `count` PLAIN-encoded values; throws RangeError when the bytes run out. */
export const readPlain: (
  reader: DataReader,
  type: ParquetType,
  count: number,
  fixedLength: number | undefined,
) => DecodedValues = plain.readPlain

/** The default parsers hyparquet converts values with (UTF8 to string, timestamps to Date, ...). */
export const DEFAULT_PARSERS: ParquetParsers = convertModule.DEFAULT_PARSERS

/** Converts primitive values to rich ones (strings, Dates, decimals...) as hyparquet's readers do. */
export const convert: (data: DecodedValues, decoder: LeafDecoder) => DecodedValues = convertModule.convert

/** Dereferences dictionary indexes for dictionary-encoded pages, else converts like `convert`. */
export const convertWithDictionary: (
  data: DecodedValues,
  dictionary: DecodedValues | undefined,
  encoding: Encoding,
  decoder: LeafDecoder,
) => DecodedValues = convertModule.convertWithDictionary

/** Schema nodes from the root to the element at `path`; throws when the path is not in the schema. */
export const getTreePath: (tree: SchemaTree, path: string[]) => SchemaTree[] = schema.getTreePath
export const getMaxDefinitionLevel: (schemaPath: SchemaTree[]) => number = schema.getMaxDefinitionLevel
export const getMaxRepetitionLevel: (schemaPath: SchemaTree[]) => number = schema.getMaxRepetitionLevel
/** How hyparquet decides a group assembles as a list or a map: pruning a schema must not change either answer. */
export const isListLike: (node: SchemaTree) => boolean = schema.isListLike
export const isMapLike: (node: SchemaTree) => boolean = schema.isMapLike

/**
 * Dremel assembly of one leaf into per-row nested arrays. hyparquet types the levels as `number[]`, but it only
 * reads `length` and indexes, so our Uint8Array levels pass through unchanged; the cast records that contract.
 */
export const assembleLists = assemble.assembleLists as unknown as (
  output: unknown[],
  definitionLevels: ArrayLike<number> | undefined,
  repetitionLevels: ArrayLike<number>,
  values: DecodedValues,
  schemaPath: SchemaTree[],
) => DecodedValues

/** Assembles the leaves under `node` (keyed by dotted path) into structs, lists and maps, in place in the map. */
export const assembleNested: (
  subcolumnData: Map<string, DecodedValues>,
  node: SchemaTree,
  parsers: ParquetParsers,
  depth?: number,
) => void = assemble.assembleNested
