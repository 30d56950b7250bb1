// At most `limit` tasks at once: a run may have a hundred part files, and Adobe (and a two-core server) is better
// served by two reads in flight than by a hundred. The first failure stops handing out work and is rethrown.

export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0
  let failed = false
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      signal?.throwIfAborted()
      const index = next++
      try {
        await task(items[index] as T, index)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}

export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out = new Array<R>(items.length)
  await forEachLimited(items, limit, async (item, index) => {
    out[index] = await task(item, index)
  }, signal)
  return out
}
