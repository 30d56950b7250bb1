// The browser's view of a part file: byte ranges fetched from our own file route with HTTP Range, counted for the
// "bytes read" meter, cached so nothing is fetched twice.
import { cachedAsyncBuffer, type CachedAsyncBuffer } from '@/lib/parquet/cached-buffer'
import { type CountingAsyncBuffer, rangeAsyncBuffer } from '@/lib/parquet/range-buffer'

export interface HttpParquetBuffer {
  buffer: CachedAsyncBuffer
  counter: CountingAsyncBuffer
}

export function httpParquetBuffer(url: string, byteLength: number): HttpParquetBuffer {
  const counter = rangeAsyncBuffer(byteLength, async (start, end) => {
    const response = await fetch(url, { headers: { range: `bytes=${start}-${end - 1}` }, credentials: 'same-origin' })
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined
      throw new Error(body?.error?.message ?? `The file could not be read (HTTP ${response.status}).`)
    }
    const bytes = await response.arrayBuffer()
    // A server that ignores Range answers 200 with the whole file: take the slice we asked for.
    return response.status === 200 && bytes.byteLength === byteLength ? bytes.slice(start, end) : bytes
  })
  return { buffer: cachedAsyncBuffer(counter), counter }
}
