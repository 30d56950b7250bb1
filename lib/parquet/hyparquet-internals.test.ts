// Fails when hyparquet's internals move: our page-level reader depends on functions hyparquet exports only from its
// source files. Checks the pinned version, that each function is still there with the same parameters, and that it
// still decodes known pages of golden files (DuckDB V1 pages, hyparquet-writer V2 pages) to known values.
import { readFileSync } from 'node:fs'
import { parquetMetadata, parquetSchema, type DataReader, type FileMetaData, type SchemaTree } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import * as internals from './hyparquet-internals'
import { GOLDEN_V1_ROWS, goldenV1, goldenV2 } from './testing/golden'

const json = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>

function leafDecoder(metadata: FileMetaData, schema: SchemaTree, column: number): internals.LeafDecoder {
  const meta = metadata.row_groups[0]?.columns[column]?.meta_data
  if (!meta) throw new Error('no column')
  const schemaPath = internals.getTreePath(schema, meta.path_in_schema)
  const element = schemaPath.at(-1)?.element
  if (!element) throw new Error('no element')
  return {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element,
    schemaPath,
    codec: meta.codec,
    parsers: internals.DEFAULT_PARSERS,
  }
}

/** Reads the page at `offset`: its header and decompressed body. */
function pageAt(bytes: Uint8Array, offset: number, codec: internals.LeafDecoder['codec']) {
  const reader: DataReader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset }
  const header = internals.parquetHeader(reader)
  const body = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size)
  return { header, body, page: () => internals.decompressPage(body, header.uncompressed_page_size, codec, undefined) }
}

const chunkOffsets = (metadata: FileMetaData, column: number) => {
  const meta = metadata.row_groups[0]?.columns[column]?.meta_data
  return { dictionary: Number(meta?.dictionary_page_offset ?? 0), data: Number(meta?.data_page_offset ?? 0) }
}

const rows = Array.from({ length: GOLDEN_V1_ROWS }, (_, i) => i)

describe('hyparquet internals', () => {
  it('is the exact hyparquet version pinned in package.json', () => {
    const pinned = (json('../../package.json').dependencies as Record<string, string>).hyparquet
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect(json('../../node_modules/hyparquet/package.json').version).toBe(pinned)
  })

  it.each([
    ['parquetHeader', 1],
    ['decompressPage', 4],
    ['readDataPage', 3],
    ['readDataPageV2', 3],
    ['readPlain', 4],
    ['convert', 2],
    ['convertWithDictionary', 4],
    ['getTreePath', 2],
    ['getMaxDefinitionLevel', 1],
    ['getMaxRepetitionLevel', 1],
    ['isListLike', 1],
    ['isMapLike', 1],
    ['assembleLists', 5],
    ['assembleNested', 3],
  ] as const)('exports %s with %i parameters', (name, arity) => {
    const fn: unknown = internals[name]
    expect(typeof fn).toBe('function')
    expect((fn as (...args: unknown[]) => unknown).length).toBe(arity)
  })

  it('decodes the dictionary and data pages of a DuckDB (V1) file', () => {
    const metadata = parquetMetadata(goldenV1)
    const schema = parquetSchema(metadata)
    const decoder = leafDecoder(metadata, schema, 1)
    const offsets = chunkOffsets(metadata, 1)

    const dictionaryPage = pageAt(goldenV1, offsets.dictionary, decoder.codec)
    expect(dictionaryPage.header.type).toBe('DICTIONARY_PAGE')
    const page = dictionaryPage.page()
    expect(dictionaryPage.header.dictionary_page_header?.num_values).toBe(3)
    const raw = internals.readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, 'BYTE_ARRAY', 3, undefined)
    const dictionary = internals.convert(raw, decoder)
    expect(Array.from(dictionary)).toEqual(['v0', 'v1', 'v2'])

    const dataPage = pageAt(goldenV1, offsets.data, decoder.codec)
    expect(dataPage.header.type).toBe('DATA_PAGE')
    const header = dataPage.header.data_page_header
    if (!header) throw new Error('no data page header')
    const decoded = internals.readDataPage(dataPage.page(), header, decoder)
    const values = internals.convertWithDictionary(decoded.dataPage, dictionary, header.encoding, decoder)
    expect(header.encoding).toBe('PLAIN_DICTIONARY')
    expect(Array.from(values)).toEqual(rows.map((i) => `v${i % 3}`))
  })

  it('decodes and assembles a V1 list page with a null list', () => {
    const metadata = parquetMetadata(goldenV1)
    const schema = parquetSchema(metadata)
    const decoder = leafDecoder(metadata, schema, 2)
    expect(internals.getMaxDefinitionLevel(decoder.schemaPath)).toBe(3)
    expect(internals.getMaxRepetitionLevel(decoder.schemaPath)).toBe(1)
    const list = decoder.schemaPath[1]
    if (!list) throw new Error('no list node')
    expect(internals.isListLike(list)).toBe(true)
    expect(internals.isMapLike(list)).toBe(false)

    const dataPage = pageAt(goldenV1, chunkOffsets(metadata, 2).data, decoder.codec)
    const header = dataPage.header.data_page_header
    if (!header) throw new Error('no data page header')
    const decoded = internals.readDataPage(dataPage.page(), header, decoder)
    // Rows where i % 7 == 4 hold a null list, the others [i, 10 i].
    const isNull = (i: number) => i % 7 === 4
    expect(decoded.repetitionLevels).toEqual(rows.flatMap((i) => (isNull(i) ? [0] : [0, 1])))
    expect(decoded.definitionLevels).toEqual(rows.flatMap((i) => (isNull(i) ? [0] : [3, 3])))
    const values = internals.convert(decoded.dataPage, decoder)
    expect(Array.from(values)).toEqual(rows.flatMap((i) => (isNull(i) ? [] : [i, i * 10])))

    const perRow = internals.assembleLists([], decoded.definitionLevels, decoded.repetitionLevels, values, decoder.schemaPath)
    const subcolumns = new Map([['l.list.element', perRow]])
    internals.assembleNested(subcolumns, list, internals.DEFAULT_PARSERS)
    expect(subcolumns.get('l')).toEqual(rows.map((i) => (isNull(i) ? null : [i, i * 10])))
  })

  it('decodes V2 pages of a hyparquet-writer file', () => {
    const metadata = parquetMetadata(goldenV2)
    const schema = parquetSchema(metadata)
    const decoder = leafDecoder(metadata, schema, 0)
    const dataPage = pageAt(goldenV2, chunkOffsets(metadata, 0).data, decoder.codec)
    expect(dataPage.header.type).toBe('DATA_PAGE_V2')
    const decoded = internals.readDataPageV2(dataPage.body, dataPage.header, decoder)
    expect(decoded.definitionLevels).toEqual([1, 0, 1, 1])
    expect(Array.from(decoded.dataPage)).toEqual([1.5, -2.25, 4])
  })
})
