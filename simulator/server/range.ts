// Single byte-range parsing (RFC 9110 §14). Adobe documents single ranges only; several ranges, or a header
// we cannot read, are ignored and the whole file is sent, which RFC 9110 allows.
export type RangeResult =
  | { kind: 'none' }
  | { kind: 'unsatisfiable' }
  | { kind: 'range'; start: number; end: number }

const SINGLE = /^bytes=(\d*)-(\d*)$/i

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' }
  const m = SINGLE.exec(header.trim())
  if (!m) return { kind: 'none' }
  const [, a = '', b = ''] = m
  if (a === '' && b === '') return { kind: 'none' }
  const first = a === '' ? undefined : Number(a)
  const last = b === '' ? undefined : Number(b)
  if ((first !== undefined && !Number.isSafeInteger(first)) || (last !== undefined && !Number.isSafeInteger(last))) {
    return { kind: 'none' }
  }
  if (first === undefined) {
    // Suffix range: the last N bytes.
    const n = last ?? 0
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'range', start: Math.max(0, size - n), end: size - 1 }
  }
  if (last !== undefined && last < first) return { kind: 'none' }
  if (first >= size) return { kind: 'unsatisfiable' }
  return { kind: 'range', start: first, end: Math.min(last ?? size - 1, size - 1) }
}
