// Profiles that moved between score cells from one run to the next, joined on their identity (ECID). A run may hold
// millions of profiles, so identities are not kept as strings in a Map (tens of bytes each, plus the Map): each
// profile becomes one 64-bit number, a 56-bit hash of its identity with its score cell in the low 8 bits, and the
// two runs' sorted arrays are merged. Two identities out of a million share a 56-bit hash with odds near 1 in 10^5.
// Pure.
import { addToSparse } from '@/lib/scores/cells'
import type { Comparison } from './schema'

/** The two 32-bit halves of an identity's hash, FNV-1a over its UTF-8 bytes with two seeds, written at `out[at]`. */
function hashInto(bytes: Uint8Array, out: Uint32Array, at: number): void {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ bytes.length
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number
    a = Math.imul(a ^ byte, 0x01000193)
    b = Math.imul(b ^ byte, 0x5bd1e995)
    b ^= b >>> 15
  }
  out[at] = a >>> 0
  out[at + 1] = b & 0xffffff
}

const utf8 = new TextEncoder()
const scratch = new Uint32Array(2)

/** The identity's 56-bit hash: the first half, then 24 bits of the second. */
export function identityHash(id: string): bigint {
  hashInto(utf8.encode(id), scratch, 0)
  return (BigInt(scratch[0] ?? 0) << 24n) | BigInt(scratch[1] ?? 0)
}

/**
 * Identities hashed straight from their bytes while a parquet leaf is decoded, as its string parser: no string is
 * made for any of a part's 300,000 identities (making them cost more than the rest of reading the leaf). The
 * parser stands for each value by its number here.
 */
export class IdentityHashes {
  private words = new Uint32Array(2 * 1024)
  private count = 0

  readonly fromBytes = (bytes: Uint8Array): number => {
    if (2 * this.count === this.words.length) {
      const grown = new Uint32Array(this.words.length * 2)
      grown.set(this.words)
      this.words = grown
    }
    hashInto(bytes, this.words, 2 * this.count)
    return this.count++
  }

  high(value: number): number {
    return this.words[2 * value] ?? 0
  }

  low(value: number): number {
    return this.words[2 * value + 1] ?? 0
  }
}

// Each profile is a 64-bit number (hash << 8 | cell) in a BigUint64Array, so the engine sorts a run natively; it is
// written and read through a Uint32Array over the same memory, as two halves, because a BigInt made for each of
// millions of rows costs more than hashing them.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const [LOW, HIGH] = littleEndian ? [0, 1] : [1, 0]
const halvesOf = (packed: BigUint64Array) => new Uint32Array(packed.buffer, packed.byteOffset, packed.length * 2)

/** Growable list of (identity hash, cell) packed as 64-bit numbers. */
export class IdentityCells {
  private data: BigUint64Array
  private words: Uint32Array
  private length = 0
  /** Rows without an identity, which cannot be joined. */
  withoutIdentity = 0

  /** `expected`: the rows to come (from the footers), so the array is allocated once at its final size. */
  constructor(expected = 1024) {
    this.data = new BigUint64Array(Math.max(1, expected))
    this.words = halvesOf(this.data)
  }

  /** One profile by its identity (a string: tests), or none. */
  add(id: string | undefined, cell: number): void {
    if (id === undefined) {
      this.withoutIdentity += 1
      return
    }
    hashInto(utf8.encode(id), scratch, 0)
    this.addHashed(scratch[0] ?? 0, scratch[1] ?? 0, cell)
  }

  /** One profile by its identity's hash halves (IdentityHashes). */
  addHashed(high: number, low: number, cell: number): void {
    this.reserve(1)
    const at = 2 * this.length++
    this.words[at + HIGH] = high
    this.words[at + LOW] = ((low << 8) | cell) >>> 0
  }

  /** The profiles added so far, in the order they came: a view, not a copy. */
  packed(): BigUint64Array {
    return this.data.subarray(0, this.length)
  }

  /** Adds another list's profiles (a scan worker's, for one part). */
  append(packed: BigUint64Array, withoutIdentity: number): void {
    this.reserve(packed.length)
    this.data.set(packed, this.length)
    this.length += packed.length
    this.withoutIdentity += withoutIdentity
  }

  /** Room for `more` profiles: the array at least doubles when it grows, so adding one at a time stays linear. */
  private reserve(more: number): void {
    if (this.length + more <= this.data.length) return
    const grown = new BigUint64Array(Math.max(this.data.length * 2, this.length + more))
    grown.set(this.data.subarray(0, this.length))
    this.data = grown
    this.words = halvesOf(grown)
  }

  /** Sorted in place by hash (and cell), the order the merge walks: no second copy of a run's worth of numbers. */
  sorted(): BigUint64Array {
    return this.data.subarray(0, this.length).sort()
  }
}

type Migration = Pick<Comparison, 'matched' | 'pairs' | 'added' | 'dropped'>

/** Reads packed profiles by index as numbers: the hash's two parts (high 32 bits, low 24) and the cell. */
function reader(packed: BigUint64Array) {
  const words = halvesOf(packed)
  return {
    length: packed.length,
    high: (i: number) => words[2 * i + HIGH] ?? 0,
    low: (i: number) => (words[2 * i + LOW] ?? 0) >>> 8,
    cell: (i: number) => (words[2 * i + LOW] ?? 0) & 0xff,
  }
}

/**
 * Joins two runs' sorted identity cells. Like a SQL inner join, an identity present several times on both sides
 * pairs every occurrence with every other; identities on one side only are added (current) or dropped (previous).
 */
export function migrate(previousCells: BigUint64Array, currentCells: BigUint64Array): Migration {
  const pairs = new Map<number, number>()
  const added: Record<string, number> = {}
  const dropped: Record<string, number> = {}
  const previous = reader(previousCells)
  const current = reader(currentCells)
  /** Which identity comes first: negative when previous[p] does, 0 when they are the same. */
  const compare = (p: number, c: number) => previous.high(p) - current.high(c) || previous.low(p) - current.low(c)
  const sameAs = (side: typeof previous, i: number, j: number) => side.high(i) === side.high(j) && side.low(i) === side.low(j)
  let matched = 0
  let p = 0
  let c = 0
  while (p < previous.length || c < current.length) {
    const order = p >= previous.length ? 1 : c >= current.length ? -1 : compare(p, c)
    if (order < 0) {
      addToSparse(dropped, previous.cell(p++))
    } else if (order > 0) {
      addToSparse(added, current.cell(c++))
    } else {
      // The same identity on both sides: gather each side's run of it.
      const fromP = p
      const fromC = c
      while (p < previous.length && sameAs(previous, p, fromP)) p++
      while (c < current.length && sameAs(current, c, fromC)) c++
      for (let i = fromP; i < p; i++) {
        for (let j = fromC; j < c; j++) {
          const key = previous.cell(i) * 256 + current.cell(j)
          pairs.set(key, (pairs.get(key) ?? 0) + 1)
          matched += 1
        }
      }
    }
  }
  const sortedPairs = [...pairs.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, n]): [number, number, number] => [Math.floor(key / 256), key % 256, n])
  return { matched, pairs: sortedPairs, added, dropped }
}
