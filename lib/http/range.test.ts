import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseContentRange, parseRange } from './range'

describe('parseRange', () => {
  it.each([
    [null, { kind: 'none' }],
    ['', { kind: 'none' }],
    ['bytes=0-99', { kind: 'single', header: 'bytes=0-99' }],
    ['bytes=100-', { kind: 'single', header: 'bytes=100-' }],
    ['bytes=-500', { kind: 'single', header: 'bytes=-500' }],
    ['bytes=007-9', { kind: 'single', header: 'bytes=7-9' }],
    ['bytes = 0-1', { kind: 'single', header: 'bytes=0-1' }],
  ])('%s is accepted as %j', (input, expected) => {
    expect(parseRange(input)).toEqual(expected)
  })

  it.each([
    'bytes=5-1',
    'bytes=abc',
    'items=0-1',
    'bytes=0-0,0-0',
    `bytes=${'0-0,'.repeat(200)}0-0`,
    'bytes=12345678901234567890-',
    'bytes=-0',
    'bytes=-',
    'bytes=1-2-3',
    'bytes=0x10-20',
  ])('%s is refused with a reason', (input) => {
    const parsed = parseRange(input)
    expect(parsed.kind).toBe('invalid')
    if (parsed.kind === 'invalid') expect(parsed.reason.length).toBeGreaterThan(10)
  })

  it('never forwards anything but one well-formed byte range (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (input) => {
        const parsed = parseRange(input)
        if (parsed.kind === 'single') {
          expect(parsed.header).toMatch(/^bytes=(\d{1,15}-\d{0,15}|-\d{1,15})$/)
          const [start, end] = parsed.header.slice(6).split('-')
          if (start && end) expect(Number(end)).toBeGreaterThanOrEqual(Number(start))
        }
      }),
      { numRuns: 10_000 },
    )
  })

  it('accepts every valid single range it is given (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 20 }), (start, length) => {
        expect(parseRange(`bytes=${start}-${start + length}`)).toEqual({ kind: 'single', header: `bytes=${start}-${start + length}` })
      }),
    )
  })
})

describe('parseContentRange', () => {
  it('reads start, end and size', () => {
    expect(parseContentRange('bytes 100-199/2097152')).toEqual({ start: 100, end: 199, size: 2097152 })
    expect(parseContentRange('bytes */100')).toBeUndefined()
    expect(parseContentRange(undefined)).toBeUndefined()
  })
})
