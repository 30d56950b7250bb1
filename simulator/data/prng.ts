// Deterministic randomness. Two kinds, on purpose:
// - `Rng` (sfc32) is a sequential stream for the world plan (ids, times), seeded from a string label, so each
//   part of the plan draws from its own stream and adding a field in one place does not shift every other value.
// - `unit`/`normal` are counter-based hashes of (salt, index, run, stream): any profile's row can be recomputed on
//   its own, in any order, in any worker, and when an export is written long after the world was generated.

/** cyrb128: a string to four 32-bit words, well mixed, as a seed for sfc32. */
export function hashString(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

/** A sequential generator (sfc32). */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(label: string) {
    ;[this.a, this.b, this.c, this.d] = hashString(label)
    // Warm up: the first outputs of sfc32 still carry the seed's structure.
    for (let i = 0; i < 12; i++) this.uint32()
  }

  uint32(): number {
    this.a >>>= 0
    this.b >>>= 0
    this.c >>>= 0
    this.d >>>= 0
    let t = (this.a + this.b) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.d = (this.d + 1) | 0
    t = (t + this.d) | 0
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(items.length))
  }
}

/** Index into an array that the caller knows is in range (noUncheckedIndexedAccess needs the check somewhere). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index]
  if (item === undefined) throw new RangeError(`index ${index} out of range 0..${items.length - 1}`)
  return item
}

/** murmur3's finaliser: a cheap, well-distributed 32-bit mix. */
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A 32-bit hash of a salt and up to three small integers. */
export function mix(salt: number, a: number, b = 0, c = 0): number {
  let h = fmix(salt ^ Math.imul(a + 0x9e3779b9, 0xcc9e2d51))
  h = fmix(h ^ Math.imul(b + 0x7f4a7c15, 0x1b873593))
  return fmix(h ^ Math.imul(c + 0x165667b1, 0xe6546b64))
}

/** Uniform in (0, 1), from a counter: never exactly 0 so that logs are safe. */
export function unit(salt: number, a: number, b = 0, c = 0): number {
  return (mix(salt, a, b, c) + 0.5) / 4294967296
}

/** Standard normal, from a counter (Box-Muller on two hashed uniforms). */
export function normal(salt: number, a: number, b = 0, c = 0): number {
  const u1 = unit(salt, a, b, c * 2 + 1)
  const u2 = unit(salt, a, b, c * 2 + 2)
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}

/** A 32-bit salt from a string label. */
export function saltOf(label: string): number {
  return hashString(label)[0]
}
