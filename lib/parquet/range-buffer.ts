// A hyparquet AsyncBuffer over byte ranges: the browser reads through our file route, the server through lib/aep.
// The byte length comes from the listing, so no HEAD request is needed (design.md, hyparquet notes).
import type { AsyncBuffer } from 'hyparquet'

/** Reads bytes [start, end) of the file. */
export type RangeReader = (start: number, end: number) => Promise<ArrayBuffer>

export interface CountingAsyncBuffer extends AsyncBuffer {
  /** Bytes fetched so far, for the "bytes read" meter and the benchmarks. */
  readonly bytesFetched: number
  readonly requests: number
}

export function rangeAsyncBuffer(byteLength: number, read: RangeReader): CountingAsyncBuffer {
  let bytesFetched = 0
  let requests = 0
  return {
    byteLength,
    get bytesFetched() {
      return bytesFetched
    },
    get requests() {
      return requests
    },
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const to = Math.min(end ?? byteLength, byteLength)
      if (to <= start) return new ArrayBuffer(0)
      requests += 1
      const bytes = await read(start, to)
      if (bytes.byteLength !== to - start) {
        throw new Error(`Expected ${to - start} bytes from ${start}, got ${bytes.byteLength}`)
      }
      bytesFetched += bytes.byteLength
      return bytes
    },
  }
}
