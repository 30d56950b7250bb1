import { describe, expect, it } from 'vitest'
import { cachedAsyncBuffer, isCachedAsyncBuffer } from './cached-buffer'
import { coalesceRanges, fetchRanges } from './coalesce'
import { rangeAsyncBuffer } from './range-buffer'

const source = (length = 1000, fail?: () => boolean) => {
  const bytes = Uint8Array.from({ length }, (_, i) => i % 251)
  const calls: [number, number][] = []
  const buffer = rangeAsyncBuffer(length, async (start, end) => {
    calls.push([start, end])
    await new Promise((resolve) => setTimeout(resolve, 1))
    if (fail?.()) throw new Error('network down')
    return bytes.slice(start, end).buffer
  })
  return { bytes, buffer, calls }
}

const read = async (buffer: { slice(s: number, e?: number): Promise<ArrayBuffer> | ArrayBuffer }, s: number, e: number) =>
  Array.from(new Uint8Array(await buffer.slice(s, e)))

describe('cachedAsyncBuffer', () => {
  it('serves repeated and contained slices from the cache', async () => {
    const { bytes, buffer, calls } = source()
    const cached = cachedAsyncBuffer(buffer)
    expect(await read(cached, 100, 300)).toEqual(Array.from(bytes.slice(100, 300)))
    expect(await read(cached, 100, 300)).toEqual(Array.from(bytes.slice(100, 300)))
    expect(await read(cached, 150, 160)).toEqual(Array.from(bytes.slice(150, 160)))
    expect(calls).toEqual([[100, 300]])
    expect(buffer.bytesFetched).toBe(200)
  })

  it('fetches only the gaps around cached bytes', async () => {
    const { bytes, buffer, calls } = source()
    const cached = cachedAsyncBuffer(buffer)
    await cached.slice(100, 200)
    await cached.slice(300, 400)
    expect(await read(cached, 50, 450)).toEqual(Array.from(bytes.slice(50, 450)))
    expect(calls).toEqual([[100, 200], [300, 400], [50, 100], [200, 300], [400, 450]])
    expect(buffer.bytesFetched).toBe(400)
  })

  it('shares one fetch between concurrent requests', async () => {
    const { buffer, calls } = source()
    const cached = cachedAsyncBuffer(buffer)
    await Promise.all([cached.slice(0, 500), cached.slice(100, 200), cached.slice(0, 500)])
    expect(calls).toEqual([[0, 500]])
  })

  it('forgets failed fetches so a retry can succeed', async () => {
    let failing = true
    const { bytes, buffer } = source(1000, () => failing)
    const cached = cachedAsyncBuffer(buffer)
    await expect(cached.slice(0, 10)).rejects.toThrow('network down')
    failing = false
    expect(await read(cached, 0, 10)).toEqual(Array.from(bytes.slice(0, 10)))
  })

  it('drops least recently used bytes beyond its budget', async () => {
    const { buffer, calls } = source()
    const cached = cachedAsyncBuffer(buffer, { maxBytes: 250 })
    await cached.slice(0, 100)
    await cached.slice(200, 300)
    await cached.slice(0, 100) // touch: now the most recent
    await cached.slice(400, 500)
    expect(cached.cachedBytes).toBe(200)
    await cached.slice(0, 100)
    expect(calls.filter(([s]) => s === 0)).toHaveLength(1)
    await cached.slice(200, 300)
    expect(calls.filter(([s]) => s === 200)).toHaveLength(2)
  })

  it('clamps to the file and is recognised as cached', async () => {
    const { buffer } = source(100)
    const cached = cachedAsyncBuffer(buffer)
    expect((await cached.slice(90, 200)).byteLength).toBe(10)
    expect((await cached.slice(50, 50)).byteLength).toBe(0)
    expect(isCachedAsyncBuffer(cached)).toBe(true)
    expect(isCachedAsyncBuffer(buffer)).toBe(false)
  })
})

describe('coalesced fetches', () => {
  it('merges touching and nearby ranges, not distant ones', () => {
    const ranges = [
      { start: 500, end: 600 },
      { start: 0, end: 100 },
      { start: 100, end: 150 },
      { start: 160, end: 170 },
      { start: 50, end: 60 },
      { start: 10_000, end: 10_010 },
      { start: 7, end: 7 },
    ]
    expect(coalesceRanges(ranges, 20)).toEqual([
      { start: 0, end: 170 },
      { start: 500, end: 600 },
      { start: 10_000, end: 10_010 },
    ])
  })

  it('fetches each merged range once and slices views out of it', async () => {
    const { bytes, buffer, calls } = source(20_000)
    const fetched = await fetchRanges(buffer, [{ start: 10, end: 20 }, { start: 30, end: 40 }, { start: 15_000, end: 15_010 }])
    expect(calls).toEqual([[10, 40], [15_000, 15_010]])
    expect(Array.from(fetched.bytes(32, 36))).toEqual(Array.from(bytes.slice(32, 36)))
    expect(() => fetched.bytes(100, 200)).toThrow('not fetched')
  })

  it('stops when aborted', async () => {
    const { buffer } = source()
    const controller = new AbortController()
    controller.abort()
    await expect(fetchRanges(buffer, [{ start: 0, end: 10 }], { signal: controller.signal })).rejects.toThrow()
  })
})
