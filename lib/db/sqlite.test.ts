import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createDatabase, type Db } from './connect'

describe('SQLite connection', () => {
  let dir: string | undefined
  let opened: Db | undefined
  afterEach(async () => {
    await opened?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('creates the directory and runs in WAL mode with a busy timeout and foreign keys on', async () => {
    dir = await mkdtemp(join(tmpdir(), 'score-explorer-sqlite-'))
    const db = (opened = await createDatabase(`file:${join(dir, 'a', 'b', 'db.sqlite')}`))
    expect(db.dialect).toBe('sqlite')
    const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db.db)).rows[0]
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' })
    expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 })
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 })
    expect(await pragma('synchronous')).toEqual({ synchronous: 1 })
  })

  it('closes even when it never ran a query, and close() twice is harmless', async () => {
    dir = await mkdtemp(join(tmpdir(), 'score-explorer-sqlite-'))
    const db = await createDatabase(`file:${join(dir, 'db.sqlite')}`)
    await db.close()
    await db.close()
  })
})
