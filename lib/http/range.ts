// The Range header a browser may send us: one byte range, nothing else (reliability.md §1.7). Many ranges, or
// ranges in other units, are how "Apache Killer"-style attacks work, so they are refused before any call to Adobe.

export type ParsedRange =
  | { kind: 'none' }
  | { kind: 'single'; header: string }
  | { kind: 'invalid'; reason: string }

const maxDigits = 15
const singleRange = /^bytes=(?:(\d{1,15})-(\d{0,15})|-(\d{1,15}))$/

/** Checks a Range header and returns the normalised single range to forward upstream. */
export function parseRange(value: string | null): ParsedRange {
  if (value === null || value.trim() === '') return { kind: 'none' }
  const trimmed = value.trim().replace(/\s+/g, '')
  if (!trimmed.startsWith('bytes=')) return { kind: 'invalid', reason: 'Only byte ranges are supported (Range: bytes=start-end).' }
  if (trimmed.includes(',')) return { kind: 'invalid', reason: 'Only one byte range per request is supported.' }
  if (/\d{16,}/.test(trimmed)) return { kind: 'invalid', reason: `Range offsets have at most ${maxDigits} digits.` }
  const match = singleRange.exec(trimmed)
  if (!match) return { kind: 'invalid', reason: 'The Range header must look like bytes=0-1023, bytes=1024- or bytes=-500.' }
  const [, start, end, suffix] = match
  if (suffix !== undefined) {
    if (Number(suffix) === 0) return { kind: 'invalid', reason: 'A suffix range must ask for at least one byte.' }
    return { kind: 'single', header: `bytes=-${Number(suffix)}` }
  }
  if (end !== undefined && end !== '' && Number(end) < Number(start)) {
    return { kind: 'invalid', reason: 'The end of a byte range cannot come before its start.' }
  }
  return { kind: 'single', header: `bytes=${Number(start)}-${end === undefined || end === '' ? '' : Number(end)}` }
}

/** `bytes 0-99/2048` → the parts, or undefined. */
export function parseContentRange(value: string | null | undefined): { start: number; end: number; size: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value ?? '')
  if (!match) return undefined
  return { start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) }
}
