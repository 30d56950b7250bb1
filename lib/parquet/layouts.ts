// Chunk layouts, loaded once per file and shared by every read: from offset indexes when the chunk has one (their
// bytes sit next to the footer, so the footer fetch usually brought them already), else by walking page headers.
import type { AsyncBuffer } from 'hyparquet'
import { fetchRanges } from './coalesce'
import type { LeafContext } from './leaves'
import { layoutFromOffsetIndex, type ChunkLayout } from './page-index'
import { walkChunk } from './page-walk'
import type { ChunkInfo } from './types'

export interface LayoutRequest {
  leaf: LeafContext
  chunk: ChunkInfo
}

export type LayoutLoader = (requests: LayoutRequest[], signal?: AbortSignal) => Promise<ChunkLayout[]>

export function layoutLoader(file: AsyncBuffer, maxGap?: number): LayoutLoader {
  const cache = new Map<string, Promise<ChunkLayout>>()
  const keyOf = ({ leaf, chunk }: LayoutRequest) => `${leaf.info.name}@${chunk.rowGroup}`

  function remember(key: string, layout: Promise<ChunkLayout>): Promise<ChunkLayout> {
    // A failed load (an aborted read, a network error) is forgotten so the next read tries again.
    cache.set(key, layout)
    layout.catch(() => cache.delete(key))
    return layout
  }

  return async (requests, signal) => {
    // Loads are shared and cached, so they run without the caller's signal: aborting one read must not fail
    // another waiting on the same layout. The caller's signal is checked once they are in.
    signal?.throwIfAborted()
    const missing = requests.filter((r) => !cache.has(keyOf(r)))
    const indexed = missing.filter((r) => r.chunk.offsetIndex)
    if (indexed.length) {
      // One coalesced fetch for all the offset indexes this read needs (they are adjacent in the file).
      const fetched = fetchRanges(
        file,
        indexed.flatMap((r) => (r.chunk.offsetIndex ? [r.chunk.offsetIndex] : [])),
        { maxGap },
      )
      for (const request of indexed) {
        const range = request.chunk.offsetIndex
        if (!range) continue
        remember(
          keyOf(request),
          fetched.then((bytes) => layoutFromOffsetIndex(request.chunk, bytes.bytes(range.start, range.end))),
        )
      }
    }
    for (const request of missing.filter((r) => !r.chunk.offsetIndex)) {
      remember(keyOf(request), walkChunk(file, request.leaf, request.chunk))
    }
    const layouts = await Promise.all(requests.map((r) => cache.get(keyOf(r)) as Promise<ChunkLayout>))
    signal?.throwIfAborted()
    return layouts
  }
}
