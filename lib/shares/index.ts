import 'server-only'
import { database } from '@/lib/db'
import { createShareStore, type ShareStore } from './store'

// The app's share store, over the process's database. Cheap to build, so it is built per call rather than cached:
// it then always sees the current database, even after closeDatabase().

export type { Actor, DownloadRecord, ShareStore } from './store'
export type * from './types'
export { isWellFormedToken } from './tokens'

export async function shareStore(): Promise<ShareStore> {
  return createShareStore(await database())
}
