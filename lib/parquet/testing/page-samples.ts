// Test support: every data page of a file, whole, with what decoding it takes, for page-level property tests.
import { parquetMetadataAsync, parquetSchema, type AsyncBuffer } from 'hyparquet'
import { cachedAsyncBuffer } from '../cached-buffer'
import { DEFAULT_PARSERS, type DecodedValues, type LeafDecoder } from '../hyparquet-internals'
import { layoutLoader } from '../layouts'
import { buildLeaves } from '../leaves'
import { decodeDataPageWithHyparquet, decodeDictionaryPage, type DecodedPage, type LevelBounds } from '../page-decode'

export interface PageSample {
  name: string
  decoder: LeafDecoder
  dictionary?: DecodedValues
  bounds: LevelBounds
  /** The whole page, header included. */
  bytes: Uint8Array
  rowCount: number
  /** The whole page as hyparquet's own page functions decode it: the reference for ours. */
  full: DecodedPage
}

export async function pageSamples(source: AsyncBuffer, options: { maxPagesPerLeaf?: number } = {}): Promise<PageSample[]> {
  const file = cachedAsyncBuffer(source)
  const metadata = await parquetMetadataAsync(file)
  const leaves = buildLeaves(metadata, parquetSchema(metadata), { parsers: DEFAULT_PARSERS })
  const load = layoutLoader(file)
  const samples: PageSample[] = []
  for (const leaf of leaves) {
    const layouts = await load(leaf.info.chunks.map((chunk) => ({ leaf, chunk })))
    const pages = layouts.flatMap((layout) => layout.pages.map((page) => ({ layout, page })))
    const step = Math.max(1, Math.floor(pages.length / (options.maxPagesPerLeaf ?? pages.length)))
    for (const { layout, page } of pages.filter((_, i) => i % step === 0)) {
      const decoder = leaf.decoder(layout.chunk)
      const dictionary = layout.dictionary
        ? decodeDictionaryPage(new Uint8Array(await file.slice(layout.dictionary.start, layout.dictionary.end)), decoder)
        : undefined
      const bytes = new Uint8Array(await file.slice(page.start, page.end))
      const full = decodeDataPageWithHyparquet(bytes, decoder, dictionary, leaf.info)
      samples.push({ name: leaf.info.name, decoder, dictionary, bounds: leaf.info, bytes, rowCount: page.rowCount, full })
    }
  }
  return samples
}
