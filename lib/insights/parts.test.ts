import { describe, expect, it } from 'vitest'
import { withTail } from './parts'

describe('withTail', () => {
  it('serves reads within the tail from it, and everything else (a read across its start too) from the buffer', async () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i)
    const asked: [number, number][] = []
    const buffer = {
      byteLength: bytes.length,
      slice: async (start: number, end = bytes.length) => {
        asked.push([start, end])
        return bytes.slice(start, end).buffer
      },
    }
    const served = withTail(buffer, bytes.slice(80))
    for (const [start, end] of [[80, 100], [90, 95], [70, 85], [0, 10], [95, 100], [99, undefined]] as const) {
      expect(new Uint8Array(await served.slice(start, end))).toEqual(bytes.slice(start, end))
    }
    expect(asked).toEqual([[70, 85], [0, 10]])
  })
})
