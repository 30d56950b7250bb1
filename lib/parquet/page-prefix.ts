// Decoding the first rows of a page from the first bytes of it. A preview needs 100 rows; a Spark page holds up to
// 20,000 and a DuckDB page a whole row group, so reading whole pages for the first rows of every shown leaf costs
// several percent of a file (or all of it). Levels come first and values follow in row order, so a prefix of the
// page holds the first rows: read-plan.ts fetches an estimated prefix, and when it falls short this module says
// how much more it needs. Supported: SNAPPY or uncompressed pages with PLAIN, dictionary or boolean RLE values;
// anything else is read whole.
import type { DecodedValues, LeafDecoder } from './hyparquet-internals'
import { decodeBody } from './page-body'
import type { Scale } from './page-levels'
import { decodeDataPage, readHeader, type DecodedPage, type LevelBounds } from './page-decode'
import { NeedBytes } from './prefix-codecs'

/** The decoded rows, or the prefix length (header included) to try next. */
export type PrefixResult = { page: DecodedPage } | { retryLength: number }

/** A prefix length that should hold `decoded` bytes of the body, with some slack. */
function retryFor(bodyStart: number, decoded: number, scale: Scale): PrefixResult {
  const body = decoded <= scale.plain ? decoded : scale.plain + (decoded - scale.plain) * scale.ratio
  return { retryLength: bodyStart + Math.ceil(body * 1.05) + 1024 }
}

/**
 * Decodes the rows starting in a page before row `rows` (counted from the page's first row) from a prefix of the
 * page, header included. Returns the whole page when the prefix holds it; when the prefix falls short, the prefix
 * length to try next; undefined when the page's encoding or codec cannot be read in part. With `wanted`, only those
 * rows' values are decoded (page-body.ts).
 */
export function decodeDataPagePrefix(
  bytes: Uint8Array,
  decoder: LeafDecoder,
  dictionary: DecodedValues | undefined,
  bounds: LevelBounds,
  rows: number,
  wanted?: readonly number[],
): PrefixResult | undefined {
  let parsed: ReturnType<typeof readHeader>
  try {
    parsed = readHeader(bytes)
  } catch {
    // A header cut off by the prefix fails to parse (RangeError or a thrift error); a broken one fails again on
    // the whole page, which reports it.
    return { retryLength: bytes.length * 4 }
  }
  const { header, bodyStart } = parsed
  if (bodyStart + header.compressed_page_size <= bytes.length) {
    return { page: decodeDataPage(bytes, decoder, dictionary, bounds, wanted) }
  }
  const body = bytes.subarray(bodyStart)
  const scale: Scale = { plain: 0, ratio: 1 }
  try {
    const page = decodeBody(header, body, decoder, dictionary, bounds, rows, scale, wanted)
    return page && { page }
  } catch (error) {
    // Reading past the prefix (our decoders, DataView, typed-array views) throws RangeError: ask for more bytes.
    if (error instanceof NeedBytes) return retryFor(bodyStart, error.atLeast, scale)
    if (error instanceof RangeError) return { retryLength: bytes.length * 2 }
    throw error
  }
}
