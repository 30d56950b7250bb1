import 'server-only'
import { AppError } from '@/lib/errors'

// Listings are followed to the end, one request per page and no more. Both loops also stop a server that keeps
// saying "there is more" (a repeated page, or more pages than anyone has) instead of looping forever.

function pagingError(what: string, reason: string): AppError {
  return new AppError('upstream:aep', `Adobe kept paging the ${what} listing without end; it was not read.`, { detail: reason })
}

/**
 * Offset paging (Catalog, segment definitions): asks for `start = 0, limit, 2·limit, …` until a page comes back
 * short or empty. `fetchPage` answers the page's entries as `[key, value]` pairs.
 */
export async function pagesByOffset<T>(
  what: string,
  limit: number,
  maxPages: number,
  fetchPage: (start: number) => Promise<[string, T][]>,
): Promise<[string, T][]> {
  const all: [string, T][] = []
  const seen = new Set<string>()
  for (let page = 0; page < maxPages; page++) {
    const entries = await fetchPage(page * limit)
    if (entries.length > 0 && entries.every(([key]) => seen.has(key))) {
      throw pagingError(what, `page at start=${page * limit} repeated earlier entries (is start ignored?)`)
    }
    for (const entry of entries) {
      if (!seen.has(entry[0])) all.push(entry)
      seen.add(entry[0])
    }
    if (entries.length < limit) return all
  }
  throw pagingError(what, `more than ${maxPages} pages`)
}

/**
 * Link or cursor paging (Data Access `_links.next`, export jobs' `link.next`): `fetchPage(cursor)` answers the
 * page's items and the next cursor, if any. A cursor seen before ends the walk with an error.
 */
export async function pagesByCursor<C, T>(
  what: string,
  first: NoInfer<C>,
  keyOf: (cursor: C) => string,
  maxPages: number,
  fetchPage: (cursor: C) => Promise<{ items: T[]; next?: C }>,
): Promise<T[]> {
  const all: T[] = []
  const seen = new Set<string>()
  let cursor: C | undefined = first
  for (let page = 0; cursor !== undefined; page++) {
    if (page >= maxPages) throw pagingError(what, `more than ${maxPages} pages`)
    const key = keyOf(cursor)
    if (seen.has(key)) throw pagingError(what, `next page ${key} was already read`)
    seen.add(key)
    const { items, next }: { items: T[]; next?: C } = await fetchPage(cursor)
    all.push(...items)
    // An empty page that still points further is not progress.
    cursor = items.length === 0 ? undefined : next
  }
  return all
}
