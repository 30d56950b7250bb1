// A caching AsyncBuffer: every byte fetched once stays available, so re-reading the footer, a page index or a page
// costs nothing, and a request that overlaps cached bytes fetches only the gaps (a page first read by its prefix,
// then whole, fetches just its tail). Concurrent requests for the same bytes share one fetch. Plain ES, no Node
// APIs: the browser's parquet Web Worker keeps one of these per open file.
import type { AsyncBuffer } from 'hyparquet'

export interface CachedAsyncBuffer extends AsyncBuffer {
  /** Bytes held (fetched or in flight). */
  readonly cachedBytes: number
  /** Forgets every cached byte. */
  clear(): void
}

export interface CachedBufferOptions {
  /** Least recently used segments are dropped beyond this many bytes (default 256 MiB). */
  maxBytes?: number
}

interface Segment {
  start: number
  end: number
  data: Promise<Uint8Array>
  lastUsed: number
}

const cachedBuffers = new WeakSet<AsyncBuffer>()

/** Whether a buffer already caches (so openParquetFile does not wrap it twice). */
export function isCachedAsyncBuffer(buffer: AsyncBuffer): buffer is CachedAsyncBuffer {
  return cachedBuffers.has(buffer)
}

export function cachedAsyncBuffer(source: AsyncBuffer, options: CachedBufferOptions = {}): CachedAsyncBuffer {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024
  const { byteLength } = source
  // Disjoint segments sorted by start.
  let segments: Segment[] = []
  let clock = 0

  function insert(segment: Segment): void {
    const at = segments.findIndex((s) => s.start > segment.start)
    if (at < 0) segments.push(segment)
    else segments.splice(at, 0, segment)
  }

  function fetchGap(start: number, end: number): Segment {
    const segment: Segment = { start, end, lastUsed: clock, data: Promise.resolve(new Uint8Array(0)) }
    segment.data = Promise.resolve(source.slice(start, end)).then(
      (bytes) => new Uint8Array(bytes),
      (error: unknown) => {
        // A failed fetch must not poison the cache: the next request retries.
        segments = segments.filter((s) => s !== segment)
        throw error
      },
    )
    insert(segment)
    return segment
  }

  function evict(keep: Set<Segment>): void {
    let total = segments.reduce((sum, s) => sum + (s.end - s.start), 0)
    if (total <= maxBytes) return
    const byAge = [...segments].filter((s) => !keep.has(s)).sort((a, b) => a.lastUsed - b.lastUsed)
    const dropped = new Set<Segment>()
    for (const segment of byAge) {
      if (total <= maxBytes) break
      dropped.add(segment)
      total -= segment.end - segment.start
    }
    segments = segments.filter((s) => !dropped.has(s))
  }

  async function read(start: number, end: number): Promise<ArrayBuffer> {
    clock += 1
    // Cover [start, end) with cached segments, fetching each gap between them.
    const pieces: Segment[] = []
    let cursor = start
    for (const segment of segments.filter((s) => s.end > start && s.start < end)) {
      if (segment.start > cursor) pieces.push(fetchGap(cursor, segment.start))
      pieces.push(segment)
      cursor = Math.max(cursor, segment.end)
    }
    if (cursor < end) pieces.push(fetchGap(cursor, end))
    for (const piece of pieces) piece.lastUsed = clock
    evict(new Set(pieces))

    const out = new Uint8Array(end - start)
    await Promise.all(
      pieces.map(async (piece) => {
        const data = await piece.data
        const from = Math.max(start, piece.start)
        const to = Math.min(end, piece.end)
        out.set(data.subarray(from - piece.start, to - piece.start), from - start)
      }),
    )
    return out.buffer
  }

  const cached: CachedAsyncBuffer = {
    byteLength,
    get cachedBytes() {
      return segments.reduce((sum, s) => sum + (s.end - s.start), 0)
    },
    clear() {
      segments = []
    },
    slice(start: number, end?: number): Promise<ArrayBuffer> {
      const from = Math.max(0, start)
      const to = Math.min(end ?? byteLength, byteLength)
      if (to <= from) return Promise.resolve(new ArrayBuffer(0))
      return read(from, to)
    },
  }
  cachedBuffers.add(cached)
  return cached
}
