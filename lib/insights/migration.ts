// Profiles that moved between score cells from one run to the next, joined on their identity (ECID). A run may hold
// millions of profiles, so identities are not kept as strings in a Map (tens of bytes each, plus the Map): each
// profile becomes one 64-bit number, a 56-bit hash of its identity with its score cell in the low 8 bits, and the
// two runs' sorted arrays are merged. Two identities out of a million share a 56-bit hash with odds near 1 in 10^5.
// Pure.
import { addToSparse } from '@/lib/scores/cells'
import type { Comparison } from './schema'

/** FNV-1a over UTF-16 code units with two seeds, folded to 56 bits. */
export function identityHash(id: string): bigint {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ id.length
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
    b ^= b >>> 15
  }
  return (BigInt(a >>> 0) << 24n) | BigInt((b >>> 0) & 0xffffff)
}

/** Growable list of (identity hash, cell) packed as 64-bit numbers. */
export class IdentityCells {
  private data: BigUint64Array
  private length = 0
  /** Rows without an identity, which cannot be joined. */
  withoutIdentity = 0

  /** `expected`: the rows to come (from the footers), so the array is allocated once at its final size. */
  constructor(expected = 1024) {
    this.data = new BigUint64Array(Math.max(1, expected))
  }

  add(id: string | undefined, cell: number): void {
    if (id === undefined) {
      this.withoutIdentity += 1
      return
    }
    if (this.length === this.data.length) {
      const grown = new BigUint64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = (identityHash(id) << 8n) | BigInt(cell)
  }

  /** Sorted in place by hash (and cell), the order the merge walks: no second copy of a run's worth of numbers. */
  sorted(): BigUint64Array {
    return this.data.subarray(0, this.length).sort()
  }
}

type Migration = Pick<Comparison, 'matched' | 'pairs' | 'added' | 'dropped'>

const hashOf = (packed: bigint) => packed >> 8n
const cellOf = (packed: bigint) => Number(packed & 0xffn)

/**
 * Joins two runs' sorted identity cells. Like a SQL inner join, an identity present several times on both sides
 * pairs every occurrence with every other; identities on one side only are added (current) or dropped (previous).
 */
export function migrate(previous: BigUint64Array, current: BigUint64Array): Migration {
  const pairs = new Map<number, number>()
  const added: Record<string, number> = {}
  const dropped: Record<string, number> = {}
  let matched = 0
  let p = 0
  let c = 0
  while (p < previous.length || c < current.length) {
    const hp = p < previous.length ? hashOf(previous[p] ?? 0n) : undefined
    const hc = c < current.length ? hashOf(current[c] ?? 0n) : undefined
    if (hc === undefined || (hp !== undefined && hp < hc)) {
      addToSparse(dropped, cellOf(previous[p++] ?? 0n))
    } else if (hp === undefined || hc < hp) {
      addToSparse(added, cellOf(current[c++] ?? 0n))
    } else {
      // The same identity on both sides: gather each side's run of it.
      const fromP = p
      const fromC = c
      while (p < previous.length && hashOf(previous[p] ?? 0n) === hp) p++
      while (c < current.length && hashOf(current[c] ?? 0n) === hc) c++
      for (let i = fromP; i < p; i++) {
        for (let j = fromC; j < c; j++) {
          const key = cellOf(previous[i] ?? 0n) * 256 + cellOf(current[j] ?? 0n)
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
