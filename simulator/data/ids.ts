// Identifiers in the forms Adobe uses (aep-api.md §1.5): 24-hex dataset ids, ULID / 32-hex / UUID batch ids,
// Spark's part-file names, and 38-digit ECIDs.
import { mix, type Rng } from './prng'

const HEX = '0123456789abcdef'
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export type BatchIdForm = 'ulid' | 'hex32' | 'uuid'

export function hex(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += HEX.charAt(rng.int(16))
  return out
}

/** A version-4 UUID. */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32)
  const variant = HEX.charAt(8 + rng.int(4))
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** A ULID: 48-bit time then 80 random bits, in Crockford base32 (26 characters). */
export function ulid(rng: Rng, timeMs: number): string {
  let time = ''
  let t = timeMs
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time
    t = Math.floor(t / 32)
  }
  let random = ''
  for (let i = 0; i < 16; i++) random += CROCKFORD.charAt(rng.int(32))
  return time + random
}

export function batchId(rng: Rng, form: BatchIdForm, timeMs: number): string {
  if (form === 'ulid') return ulid(rng, timeMs)
  if (form === 'hex32') return hex(rng, 32)
  return uuid(rng)
}

/** Digits, the first non-zero: Spark's task id (`tid-<19 digits>`) and similar. */
export function digits(rng: Rng, length: number): string {
  let out = String(1 + rng.int(9))
  for (let i = 1; i < length; i++) out += String(rng.int(10))
  return out
}

/** Spark's part-file name: `part-<5-digit index>-tid-<tid>-<uuid>-<task n>-1-c000.snappy.parquet`. */
export function partFileName(index: number, tid: string, jobUuid: string, taskNumber: number): string {
  return `part-${String(index).padStart(5, '0')}-tid-${tid}-${jobUuid}-${taskNumber}-1-c000.snappy.parquet`
}

/** The part-file names of one Spark job: one tid and job uuid, task numbers counting up from an arbitrary start. */
export function sparkPartNames(rng: Rng, count: number): string[] {
  const tid = digits(rng, 19)
  const jobUuid = uuid(rng)
  const firstTask = 100 + rng.int(4000)
  return Array.from({ length: count }, (_, p) => partFileName(p, tid, jobUuid, firstTask + p))
}

/**
 * A 38-digit ECID for profile `index`: computed from a hash, not drawn from a stream, so the same profile has the
 * same ECID in every run and every instance of a sandbox without storing a list of identities.
 */
export function ecid(salt: number, index: number): string {
  let out = ''
  for (let block = 0; block < 5; block++) {
    const h = mix(salt, index, block, 0x3cd1)
    // 8 digits per block from a 32-bit hash (4.29e9 > 1e8, so every digit is used).
    out += String(h % 100_000_000).padStart(8, '0')
  }
  const first = 1 + (mix(salt, index, 7, 0x3cd1) % 9)
  return String(first) + out.slice(0, 37)
}
