// The backends the database tests run on: SQLite always (a temp file), PostgreSQL when TEST_DATABASE_URL names a
// server (start one with `bash scripts/postgres.sh start`). Each test gets a database of its own: a new file, or a
// new schema in the test database, reached through search_path, so test files can run in parallel.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import type { DialectName } from '../url'

export interface TestDatabase {
  /** A DATABASE_URL for createDatabase/openDatabase. */
  url: string
  /**
   * Everything the database would give away to someone who takes it: SQLite's files as they are on disk (main
   * file, WAL and shared memory), or Postgres' `pg_dump` of the schema (or, without pg_dump, every text value).
   */
  dump(): Promise<{ bytes: Buffer; method: string }>
  drop(): Promise<void>
}

export interface TestBackend {
  name: DialectName
  /** Why this backend's tests are skipped; undefined when they run. */
  skip: string | undefined
  fresh(): Promise<TestDatabase>
}

export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
  return [sqliteBackend(), postgresBackend(env.TEST_DATABASE_URL)]
}

function sqliteBackend(): TestBackend {
  return {
    name: 'sqlite',
    skip: undefined,
    async fresh() {
      const dir = await mkdtemp(join(tmpdir(), 'score-explorer-db-'))
      // A directory that does not exist yet: createDatabase must make it.
      const file = join(dir, 'nested', 'test.sqlite')
      return {
        url: `file:${file}`,
        async dump() {
          const parts = await Promise.all(
            [file, `${file}-wal`, `${file}-shm`].filter((path) => existsSync(path)).map((path) => readFile(path)),
          )
          return { bytes: Buffer.concat(parts), method: `SQLite files (${parts.length})` }
        },
        drop: () => rm(dir, { recursive: true, force: true }),
      }
    },
  }
}

function postgresBackend(baseUrl: string | undefined): TestBackend {
  return {
    name: 'postgres',
    skip: baseUrl ? undefined : 'TEST_DATABASE_URL is not set (bash scripts/postgres.sh start)',
    async fresh() {
      if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set')
      const schema = `test_${randomBytes(6).toString('hex')}`
      await withClient(baseUrl, (client) => client.query(`create schema ${schema}`))
      const url = new URL(baseUrl)
      url.searchParams.set('options', `-c search_path=${schema}`)
      return {
        url: url.toString(),
        dump: () => dumpSchema(baseUrl, schema),
        drop: () => withClient(baseUrl, (client) => client.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
      }
    },
  }
}

async function dumpSchema(baseUrl: string, schema: string): Promise<{ bytes: Buffer; method: string }> {
  try {
    const { stdout } = await promisify(execFile)('pg_dump', ['--schema', schema, '--no-owner', '--dbname', baseUrl], {
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'buffer',
    })
    return { bytes: stdout, method: 'pg_dump' }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  // No pg_dump: read every text column of every table in the schema.
  return withClient(baseUrl, async (client) => {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
        where table_schema = $1 and data_type in ('text', 'character varying', 'character')`,
      [schema],
    )
    const values: string[] = []
    for (const { table_name, column_name } of columns.rows) {
      const rows = await client.query<{ value: string | null }>(
        `select ${pg.escapeIdentifier(column_name)}::text as value from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table_name)}`,
      )
      for (const row of rows.rows) if (row.value !== null) values.push(row.value)
    }
    return { bytes: Buffer.from(values.join('\n')), method: 'select of every text column' }
  })
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
