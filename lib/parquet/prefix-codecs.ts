// Decoders for the front of a page when only its first bytes were fetched (page-prefix.ts). hyparquet's own
// decoders insist on whole inputs (its snappy checks the output is complete, its RLE reader consumes whole
// bit-packed runs), so these two stop as soon as they have produced what was asked for, or the input runs out.

/** Thrown when a prefix is too short for what was asked; the caller then fetches more of the page. */
export class TruncatedInput extends RangeError {}

/** A TruncatedInput that knows how many decompressed bytes, at least, it needs. */
export class NeedBytes extends TruncatedInput {
  constructor(readonly atLeast: number) {
    super(`the prefix needs at least ${atLeast} decompressed bytes`)
  }
}

/**
 * Decompresses as much of a snappy stream as `input` holds, up to `maxLength` bytes. The result is a buffer of its
 * own holding exactly the bytes produced (typed-array views over it cannot reach past them), so readers overrunning
 * it throw instead of reading stale memory.
 */
export function snappyPrefix(input: Uint8Array, maxLength: number): Uint8Array {
  // The hot loop of every page read: one element per 2 to 5 bytes of a score file's identities. Reads stay in
  // bounds by the checks below, hence the `as number` rather than a fallback on every byte.
  const output = new Uint8Array(maxLength)
  const end = input.length
  let pos = 0
  // Preamble: the uncompressed length as a varint.
  while (pos < end && (input[pos++] as number) >= 0x80);
  let out = 0
  while (pos < end && out < maxLength) {
    const tag = input[pos] as number
    const kind = tag & 3
    if (kind === 0) {
      let length = (tag >>> 2) + 1
      let from = pos + 1
      if (length > 60) {
        const bytes = length - 60
        if (pos + bytes >= end) break
        length = 0
        for (let i = 0; i < bytes; i++) length |= (input[pos + 1 + i] as number) << (8 * i)
        length = (length >>> 0) + 1
        from += bytes
      }
      // A literal cut off by the prefix still yields the bytes that did arrive.
      let available = length
      if (from + available > end) available = end - from
      if (out + available > maxLength) available = maxLength - out
      // Short literals (a 38-digit identity between two copies) are cheaper copied by hand than through a view.
      if (available > 64) output.set(input.subarray(from, from + available), out)
      else for (let i = 0; i < available; i++) output[out + i] = input[from + i] as number
      out += available
      if (available < length) break
      pos = from + length
      continue
    }
    let length: number
    let offset: number
    if (kind === 1) {
      if (pos + 2 > end) break
      length = ((tag >>> 2) & 7) + 4
      offset = ((tag >>> 5) << 8) | (input[pos + 1] as number)
      pos += 2
    } else {
      const tagBytes = kind === 2 ? 3 : 5
      if (pos + tagBytes > end) break
      length = (tag >>> 2) + 1
      offset = 0
      for (let i = 1; i < tagBytes; i++) offset |= (input[pos + i] as number) << (8 * (i - 1))
      offset >>>= 0
      pos += tagBytes
    }
    if (offset === 0 || offset > out) throw new Error('snappy: invalid copy offset')
    const count = out + length > maxLength ? maxLength - out : length
    const from = out - offset
    // A copy may overlap its own output (a run repeating the last `offset` bytes): then, and for copies too short
    // to be worth a native call, byte by byte.
    if (offset >= count && count > 16) output.copyWithin(out, from, from + count)
    else for (let i = 0; i < count; i++) output[out + i] = output[from + i] as number
    out += count
  }
  return out === maxLength ? output : output.slice(0, out)
}

function readVarint(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0
  let shift = 0
  for (;;) {
    const byte = bytes[at.pos++]
    if (byte === undefined) throw new TruncatedInput('varint runs past the prefix')
    value += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) return value
    shift += 7
  }
}

/** Unpacks `take` little-endian bit-packed values of `bitWidth` bits from `bytes` at `start` into `output`. */
function readBitPacked(bytes: Uint8Array, start: number, bitWidth: number, output: Uint8Array | number[], at: number, take: number) {
  if (start + Math.ceil((take * bitWidth) / 8) > bytes.length) throw new TruncatedInput('bit-packed run runs past the prefix')
  if (bitWidth <= 24) {
    // An accumulator of up to 32 bits: fast, and wide enough for levels and dictionary indexes.
    const mask = (1 << bitWidth) - 1
    let data = 0
    let bits = 0
    let pos = start
    for (let i = 0; i < take; i++) {
      while (bits < bitWidth) {
        data |= (bytes[pos++] ?? 0) << bits
        bits += 8
      }
      output[at + i] = data & mask
      data >>>= bitWidth
      bits -= bitWidth
    }
    return
  }
  for (let i = 0; i < take; i++) {
    let value = 0
    for (let bit = 0; bit < bitWidth; bit++) {
      const absolute = i * bitWidth + bit
      value += (((bytes[start + (absolute >> 3)] ?? 0) >> (absolute & 7)) & 1) * 2 ** bit
    }
    output[at + i] = value
  }
}

/**
 * Reads exactly `count` values of the RLE/bit-packed hybrid encoding (levels, dictionary indexes, booleans) from
 * `bytes` at `start`, touching only the bytes those values occupy. Throws TruncatedInput when the bytes run out.
 */
export function readRleHybridPrefix(bytes: Uint8Array, start: number, bitWidth: number, count: number): Uint8Array | number[] {
  const output: Uint8Array | number[] = bitWidth <= 8 ? new Uint8Array(count) : new Array<number>(count).fill(0)
  if (bitWidth === 0) return output
  const at = { pos: start }
  const byteWidth = (bitWidth + 7) >> 3
  let seen = 0
  while (seen < count) {
    const header = readVarint(bytes, at)
    if (header % 2 === 0) {
      const run = Math.min(Math.floor(header / 2), count - seen)
      if (at.pos + byteWidth > bytes.length) throw new TruncatedInput('RLE run value runs past the prefix')
      let value = 0
      for (let i = 0; i < byteWidth; i++) value += (bytes[at.pos + i] ?? 0) * 2 ** (8 * i)
      at.pos += byteWidth
      output.fill(value, seen, seen + run)
      seen += run
    } else {
      const groupValues = Math.floor(header / 2) * 8
      const take = Math.min(groupValues, count - seen)
      const runStart = at.pos
      readBitPacked(bytes, runStart, bitWidth, output, seen, take)
      seen += take
      at.pos = runStart + (groupValues * bitWidth) / 8
    }
  }
  return output
}

/** The `width`-bit little-endian value `bit` bits after `start`. */
function bitsAt(bytes: Uint8Array, start: number, bit: number, width: number): number {
  if (start + ((bit + width + 7) >> 3) > bytes.length) throw new TruncatedInput('bit-packed value runs past the prefix')
  let value = 0
  for (let b = 0; b < width; b++) {
    const at = bit + b
    value += (((bytes[start + (at >> 3)] ?? 0) >> (at & 7)) & 1) * 2 ** b
  }
  return value
}

/**
 * The values at `indexes` (sorted) of an RLE/bit-packed hybrid stream at `start`, without decoding the others: run
 * headers are walked, RLE runs answer at once, and a bit-packed value is read where its bits lie. A few values of a
 * page's 20,000 dictionary indexes cost a walk over its run headers, not a decode of every index.
 */
export function readRleHybridAt(bytes: Uint8Array, start: number, bitWidth: number, indexes: ArrayLike<number>): number[] {
  const out = new Array<number>(indexes.length).fill(0)
  if (bitWidth === 0 || indexes.length === 0) return out
  const at = { pos: start }
  const byteWidth = (bitWidth + 7) >> 3
  let seen = 0
  let k = 0
  while (k < indexes.length) {
    const header = readVarint(bytes, at)
    if (header % 2 === 0) {
      const run = Math.floor(header / 2)
      if (at.pos + byteWidth > bytes.length) throw new TruncatedInput('RLE run value runs past the prefix')
      let value = 0
      for (let i = 0; i < byteWidth; i++) value += (bytes[at.pos + i] ?? 0) * 2 ** (8 * i)
      at.pos += byteWidth
      while (k < indexes.length && (indexes[k] ?? 0) < seen + run) out[k++] = value
      seen += run
    } else {
      const count = Math.floor(header / 2) * 8
      const runStart = at.pos
      while (k < indexes.length && (indexes[k] ?? 0) < seen + count) {
        out[k] = bitsAt(bytes, runStart, ((indexes[k] ?? 0) - seen) * bitWidth, bitWidth)
        k += 1
      }
      seen += count
      at.pos = runStart + (count * bitWidth) / 8
    }
  }
  return out
}
