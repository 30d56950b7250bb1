// The part files a computation reads, each behind an AsyncBuffer factory: lib/aep's Range reads in the app, a local
// file in tests and the bench. Opening a part reads its footer (one ranged read) and finds its score fields, with the
// same page-level reader the preview uses.
import type { AsyncBuffer } from 'hyparquet'
import { cachedAsyncBuffer, type CachedAsyncBuffer } from '@/lib/parquet/cached-buffer'
import { wasmCompressors } from '@/lib/parquet/compressors'
import { FOOTER_FETCH_BYTES, openParquetFile, type ParquetFile } from '@/lib/parquet/file'
import { locateScoreFields, type ScoreFields } from '@/lib/scores/locate'

export interface PartSource {
  dataSetFileId: string
  name: string
  /** Bytes, from the listing: no HEAD request is needed. */
  size: number
  /** A fresh AsyncBuffer over the part's bytes. */
  open(): AsyncBuffer
}

export interface OpenedPart {
  source: PartSource
  /** Position in its run's listing: ties in score go to the earlier part. */
  index: number
  file: ParquetFile
  fields: ScoreFields
  /** The part's byte cache: cleared when its bytes are no longer needed. */
  cache: CachedAsyncBuffer
  /** Whether the schema has a top-level identityMap (for identities of top profiles and the run comparison). */
  hasIdentityMap: boolean
  /** The part's last bytes (64 KiB), which hold its footer: a scan worker is given them with the part. */
  tail: Uint8Array
}

/** Counts every byte fetched by any buffer it wraps: the progress meter's "bytes read". */
export class ByteCounter {
  total = 0
  constructor(private readonly onBytes: () => void = () => {}) {}

  wrap(buffer: AsyncBuffer): AsyncBuffer {
    return {
      byteLength: buffer.byteLength,
      slice: async (start, end) => {
        const bytes = await buffer.slice(start, end)
        this.total += bytes.byteLength
        this.onBytes()
        return bytes
      },
    }
  }
}

/** The part's bytes with its last ones (the footer's) served from `tail`: opening it again asks nobody for them. */
export function withTail(buffer: AsyncBuffer, tail: Uint8Array): AsyncBuffer {
  const { byteLength } = buffer
  const tailStart = byteLength - tail.length
  return {
    byteLength,
    slice: (start, end = byteLength) => (start >= tailStart ? tail.slice(start - tailStart, end - tailStart).buffer : buffer.slice(start, end)),
  }
}

/** The identityMap leaves as Spark writes a map of lists of structs (aep-api.md §3.4). */
const identityItem = ['identityMap', 'key_value', 'value', 'list', 'element']
export const identityLeaves = {
  key: ['identityMap', 'key_value', 'key'],
  id: [...identityItem, 'id'],
  primary: [...identityItem, 'primary'],
}

const hasLeaf = (file: ParquetFile, path: readonly string[]) => file.leaves.some((leaf) => leaf.name === path.join('.'))

export async function openPart(source: PartSource, index: number, counter: ByteCounter): Promise<OpenedPart> {
  const bytes = counter.wrap(source.open())
  // The last bytes (the footer and, on score files, the page indexes) are read once and kept under the cache:
  // clearing the cache, or opening the part again (a scan worker, a second view), never asks for them again.
  const tail = new Uint8Array(await bytes.slice(Math.max(0, bytes.byteLength - FOOTER_FETCH_BYTES), bytes.byteLength))
  const cache = cachedAsyncBuffer(withTail(bytes, tail))
  const file = await openParquetFile(cache, { compressors: wasmCompressors() })
  const fields = locateScoreFields(file.schema)
  if (!fields) throw new ScoreFieldsMissing(source.name)
  const hasIdentityMap = Object.values(identityLeaves).every((path) => hasLeaf(file, path))
  return { source, index, file, fields, cache, hasIdentityMap, tail }
}

export class ScoreFieldsMissing extends Error {
  constructor(readonly fileName: string) {
    super(`No Customer AI score field was found in ${fileName}.`)
  }
}

/** Compressed bytes of the named leaves in a part: what reading them whole fetches. */
export function leafBytes(part: OpenedPart, paths: readonly (readonly string[] | undefined)[]): number {
  const names = new Set(paths.flatMap((path) => (path ? [path.join('.')] : [])))
  return part.file.leaves.filter((leaf) => names.has(leaf.name)).reduce((sum, leaf) => sum + leaf.compressedSize, 0)
}
