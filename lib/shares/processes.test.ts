import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '@/lib/db/migrate'
import { migrations } from '@/lib/db/migrations'
import { type TestDatabase, testBackends } from '@/lib/db/testing/backends'
import { createShareStore } from './store'

// Several app processes on one database at once (several `next start`s, or a script beside the app): each starts
// by migrating, then writes. SQLite relies on WAL, busy_timeout and the migration retry; Postgres on its locks.

const writer = fileURLToPath(new URL('./testing/create-links.ts', import.meta.url))
const processes = 4
const perProcess = 50

describe.each(testBackends())('share links from several processes on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(backend.skip ?? 'processes', () => {
    let fresh: TestDatabase
    beforeEach(async () => {
      fresh = await backend.fresh()
    })
    afterEach(() => fresh.drop())

    it(`${processes} processes start on an empty database at once, migrate it once and write ${processes * perProcess} links`, async () => {
      // All migrate at the same instant, once loaded (a race that failed before migrate.ts's SQLite lock).
      const env = { ...process.env, START_AT: String(Date.now() + 3_000) }
      const outputs = await Promise.all(
        Array.from({ length: processes }, (_, n) =>
          promisify(execFile)(process.execPath, ['--import', 'tsx', writer, fresh.url, String(perProcess), `process-${n}@acme.example`], {
            cwd: fileURLToPath(new URL('../..', import.meta.url)),
            env,
          }),
        ),
      )
      const tokens = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as string[])
      expect(new Set(tokens).size).toBe(processes * perProcess)

      const database = await openDatabase(fresh.url)
      try {
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db)
        expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations(backend.name)))
        const store = createShareStore(database)
        const resolved = await Promise.all(tokens.map((token) => store.resolve(token, { actor: 'bob@acme.example' })))
        expect(resolved.filter((link) => link?.state === 'active')).toHaveLength(processes * perProcess)
      } finally {
        await database.close()
      }
    })
  })
})
