import { type Kysely, sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDatabase, type Db } from './connect'
import { migrateToLatest, openDatabase } from './migrate'
import { migrations } from './migrations'
import { type TestDatabase, testBackends } from './testing/backends'

const allMigrations = Object.keys(migrations('sqlite'))
const day = 86_400_000

describe.each(testBackends())('migrations on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(backend.skip ?? 'schema', () => {
    let fresh: TestDatabase
    const open: Db[] = []
    const track = (db: Db) => (open.push(db), db)

    beforeEach(async () => {
      fresh = await backend.fresh()
    })
    afterEach(async () => {
      await Promise.all(open.splice(0).map((db) => db.close()))
      await fresh.drop()
    })

    it('apply once, in order, and are a no-op on restart', async () => {
      const first = track(await createDatabase(fresh.url))
      expect(first.dialect).toBe(backend.name)
      expect(await migrateToLatest(first)).toEqual(allMigrations)
      expect(await migrateToLatest(first)).toEqual([])
      await first.close()

      const restarted = track(await createDatabase(fresh.url))
      expect(await migrateToLatest(restarted)).toEqual([])
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(restarted.db)
      expect(applied.rows.map((row) => row.name)).toEqual(allMigrations)
    })

    it('are all-or-nothing: a migration that fails leaves no trace of the run', async () => {
      const db = track(await createDatabase(fresh.url))
      const provider = {
        getMigrations: () =>
          Promise.resolve({
            '0001-good': { up: (kysely: Kysely<unknown>) => kysely.schema.createTable('good').addColumn('id', 'text').execute() },
            '0002-bad': {
              async up(kysely: Kysely<unknown>) {
                await kysely.schema.createTable('half').addColumn('id', 'text').execute()
                throw new Error('boom')
              },
            },
          }),
      }
      await expect(migrateToLatest(db, provider)).rejects.toThrow('The database migration 0002-bad failed: boom')
      const tables = (await db.db.introspection.getTables()).map((table) => table.name)
      expect(tables).not.toContain('good')
      expect(tables).not.toContain('half')
      // SQLite rolls back the Migrator's own tables too; Postgres keeps them (created before its transaction), empty.
      if (tables.includes('kysely_migration')) expect(await sql`select name from kysely_migration`.execute(db.db)).toMatchObject({ rows: [] })
      // And the real migrations still apply afterwards.
      expect(await migrateToLatest(db)).toEqual(allMigrations)
    })

    it('several servers starting at once migrate the database exactly once', async () => {
      // On SQLite, in-process connections cannot wait for each other (connect.ts), so this leg is Postgres'
      // advisory lock; the SQLite cross-process case is in lib/shares/processes.test.ts.
      if (backend.name === 'sqlite') return
      const dbs = await Promise.all(Array.from({ length: 4 }, () => createDatabase(fresh.url).then(track)))
      const applied = await Promise.all(dbs.map((db) => migrateToLatest(db)))
      expect(applied.flat().sort()).toEqual(allMigrations)
    })

    it('keep times and counters as numbers on both backends', async () => {
      const { db } = track(await openDatabase(fresh.url))
      const now = Date.UTC(2030, 0, 1)
      await db
        .insertInto('share_links')
        .values({ id: 'l1', token_hash: 'h1', kind: 'file', sandbox: 'prod', dataset_file_id: 'f1', file_path: 'p.parquet', batch_id: null, created_by: 'a@x.example', created_at: now, expires_at: now + day, revoked_at: null, last_used_at: null })
        .execute()
      await db.insertInto('share_audit').values({ link_id: 'l1', event: 'download', reason: null, actor: null, at: now, bytes: 5_000_000_000, status: 200 }).execute()
      const link = await db.selectFrom('share_links').selectAll().executeTakeFirstOrThrow()
      expect(link).toMatchObject({ created_at: now, expires_at: now + day, download_count: 0, revoked_at: null })
      const audit = await db.selectFrom('share_audit').selectAll().executeTakeFirstOrThrow()
      expect(audit).toMatchObject({ id: 1, at: now, bytes: 5_000_000_000, status: 200 })
      const counted = await db.selectFrom('share_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(counted.n).toBe(1)
    })

    it('hold the share tables to their rules: targets, unique hashes, existing links, append-only audit', async () => {
      const { db } = track(await openDatabase(fresh.url))
      const base = { sandbox: 'prod', created_by: 'a@x.example', created_at: 1, expires_at: 2, revoked_at: null, last_used_at: null }
      await db.insertInto('share_links').values({ ...base, id: 'run', token_hash: 'h1', kind: 'run', dataset_file_id: null, file_path: null, batch_id: 'b1' }).execute()
      // A run link that also names a file, a file link without its path, a second link with the same hash.
      await expect(db.insertInto('share_links').values({ ...base, id: 'x1', token_hash: 'h2', kind: 'run', dataset_file_id: 'f', file_path: 'p', batch_id: 'b1' }).execute()).rejects.toThrow()
      await expect(db.insertInto('share_links').values({ ...base, id: 'x2', token_hash: 'h3', kind: 'file', dataset_file_id: 'f', file_path: null, batch_id: null }).execute()).rejects.toThrow()
      await expect(db.insertInto('share_links').values({ ...base, id: 'x3', token_hash: 'h1', kind: 'run', dataset_file_id: null, file_path: null, batch_id: 'b2' }).execute()).rejects.toThrow()
      await expect(db.insertInto('share_links').values({ ...base, id: 'x4', token_hash: 'h4', kind: 'run', dataset_file_id: null, file_path: null, batch_id: 'b2', expires_at: 1 }).execute()).rejects.toThrow()
      // Audit rows point at real links (or none) and never change.
      await expect(db.insertInto('share_audit').values({ link_id: 'nope', event: 'open', reason: null, actor: null, at: 1, bytes: null, status: null }).execute()).rejects.toThrow()
      await expect(db.insertInto('share_audit').values({ link_id: 'run', event: 'hacked' as 'open', reason: null, actor: null, at: 1, bytes: null, status: null }).execute()).rejects.toThrow()
      await db.insertInto('share_audit').values({ link_id: 'run', event: 'open', reason: null, actor: null, at: 1, bytes: null, status: null }).execute()
      await expect(db.updateTable('share_audit').set({ actor: 'someone-else' }).execute()).rejects.toThrow(/append-only/)
      await expect(db.deleteFrom('share_audit').execute()).rejects.toThrow(/append-only/)
      expect(await db.selectFrom('share_audit').select('actor').execute()).toEqual([{ actor: null }])
    })

    it('create run_insights and export_jobs with their keys', async () => {
      const { db } = track(await openDatabase(fresh.url))
      const insight = { sandbox: 'prod', batch_id: 'b1', version: 1, status: 'computing' as const, progress_json: '{"files":0}', result_json: null, error: null, updated_at: 1 }
      await db.insertInto('run_insights').values(insight).execute()
      await db.insertInto('run_insights').values({ ...insight, version: 2 }).execute()
      await expect(db.insertInto('run_insights').values(insight).execute()).rejects.toThrow()
      await expect(db.insertInto('run_insights').values({ ...insight, version: 3, status: 'done' }).execute()).rejects.toThrow()
      expect(await db.selectFrom('run_insights').select('version').orderBy('version').execute()).toEqual([{ version: 1 }, { version: 2 }])

      const job = { sandbox: 'prod', segment_id: 's1', segment_name: 'Likely churners', dataset_id: 'd1', created_by: 'a@x.example', created_at: 1, status: 'NEW', batch_id: null, error: null, updated_at: 1 }
      await db.insertInto('export_jobs').values({ ...job, id: 'job-1', request_key: 'k1' }).execute()
      // The double click: a second job with the same request key is refused.
      await expect(db.insertInto('export_jobs').values({ ...job, id: 'job-2', request_key: 'k1' }).execute()).rejects.toThrow()
      expect(await db.selectFrom('export_jobs').select(['id', 'status']).execute()).toEqual([{ id: 'job-1', status: 'NEW' }])
    })
  })
})
