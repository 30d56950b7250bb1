// Few requests, few wasted bytes: the byte ranges a read needs (dictionary pages, data pages, page prefixes, page
// indexes) are sorted and merged when they touch or sit closer than `maxGap`, then fetched in parallel, one request
// per merged range. Over HTTP a request costs a round trip; a small gap costs a few bytes.
import type { AsyncBuffer } from 'hyparquet'

/** Bytes [start, end) of the file. */
export interface ByteRange {
  start: number
  end: number
}

/** The fetched bytes, sliced by file offset (views, not copies). */
export interface FetchedBytes {
  bytes(start: number, end: number): Uint8Array
}

/** Gaps up to this many bytes are fetched rather than split into two requests. */
export const DEFAULT_MAX_GAP = 4096

export function coalesceRanges(ranges: readonly ByteRange[], maxGap = DEFAULT_MAX_GAP): ByteRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start)
  const merged: ByteRange[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.start <= last.end + maxGap) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

export async function fetchRanges(
  file: AsyncBuffer,
  ranges: readonly ByteRange[],
  options: { maxGap?: number; signal?: AbortSignal } = {},
): Promise<FetchedBytes> {
  options.signal?.throwIfAborted()
  const merged = coalesceRanges(ranges, options.maxGap)
  const buffers = await Promise.all(merged.map(async (r) => new Uint8Array(await file.slice(r.start, r.end))))
  options.signal?.throwIfAborted()
  return {
    bytes(start: number, end: number): Uint8Array {
      const at = merged.findIndex((r) => r.start <= start && end <= r.end)
      const range = merged[at]
      const buffer = buffers[at]
      if (!range || !buffer) throw new Error(`bytes ${start}-${end} were not fetched`)
      return buffer.subarray(start - range.start, end - range.start)
    },
  }
}
