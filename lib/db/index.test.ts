import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const dir = await mkdtemp(join(tmpdir(), 'score-explorer-index-'))
let databaseUrl = `file:${join(dir, 'app.sqlite')}`
vi.mock('@/lib/env', () => ({ serverConfig: () => ({ DATABASE_URL: databaseUrl }) }))

const { closeDatabase, database } = await import('./index')

describe('database()', () => {
  afterAll(async () => {
    await closeDatabase()
    await rm(dir, { recursive: true, force: true })
  })

  it('is one migrated database per process, opened on first use', async () => {
    const [first, second] = await Promise.all([database(), database()])
    expect(first).toBe(second)
    expect(first.dialect).toBe('sqlite')
    expect(await first.db.selectFrom('share_links').selectAll().execute()).toEqual([])
  })

  it('opens again after closeDatabase(), and does not keep a failed start', async () => {
    const before = await database()
    await closeDatabase()
    databaseUrl = 'mysql://not-supported'
    await expect(database()).rejects.toThrow(/DATABASE_URL/)
    databaseUrl = `file:${join(dir, 'app.sqlite')}`
    const after = await database()
    expect(after).not.toBe(before)
    expect(await after.db.selectFrom('share_links').selectAll().execute()).toEqual([])
  })
})
