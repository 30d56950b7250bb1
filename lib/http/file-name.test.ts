import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { partFileName } from './file-name'

describe('part file names from the browser', () => {
  it.each([
    'part-00000-tid-7597930103898538622-a25f1890-efa9-40eb-a2cb-1b378e93d582-528-1-c000.snappy.parquet',
    'profiles.parquet',
    'YWGJ48C8R3QWPPQ_part-00001-93b3f57d-a7e5-4887-8832-f6ab1d1706b1-c0000.snappy.parquet',
  ])('accepts %s', (name) => {
    expect(partFileName.safeParse(name).success).toBe(true)
  })

  it.each(['', '../etc/passwd', 'a/b.parquet', 'a\\b.parquet', '..', 'a%2fb', 'a%2Fb', 'a%5cb', 'x\r\nSet-Cookie: a=b', '.hidden', 'a\u0000b', 'a'.repeat(256)])(
    'refuses %j',
    (name) => {
      expect(partFileName.safeParse(name).success).toBe(false)
    },
  )

  it('never accepts a separator, a parent reference or a control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (name) => {
        if (partFileName.safeParse(name).success) {
          expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f]|\.\.|%2f|%5c/i)
        }
      }),
      { numRuns: 10_000 },
    )
  })
})
