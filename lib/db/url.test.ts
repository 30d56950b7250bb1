import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from './url'

describe('parseDatabaseUrl', () => {
  it('reads the default file: URL relative to the working directory', () => {
    expect(parseDatabaseUrl('file:.data/score-explorer.sqlite')).toEqual({ dialect: 'sqlite', path: resolve('.data/score-explorer.sqlite') })
  })

  it('takes absolute paths, file:// URLs and an in-memory database', () => {
    expect(parseDatabaseUrl('file:/var/lib/se/db.sqlite')).toEqual({ dialect: 'sqlite', path: '/var/lib/se/db.sqlite' })
    expect(parseDatabaseUrl('file:///var/lib/se/my%20db.sqlite')).toEqual({ dialect: 'sqlite', path: '/var/lib/se/my db.sqlite' })
    expect(parseDatabaseUrl('file::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' })
  })

  it('sends postgres:// and postgresql:// to PostgreSQL unchanged', () => {
    for (const url of ['postgres://u:p@db.internal:5432/se', 'postgresql://u@127.0.0.1/se?sslmode=require']) {
      expect(parseDatabaseUrl(url)).toEqual({ dialect: 'postgres', connectionString: url })
    }
  })

  it('refuses anything else, and a file: URL without a path', () => {
    expect(() => parseDatabaseUrl('mysql://x/y')).toThrow(/file:<path>.*postgres/)
    expect(() => parseDatabaseUrl('file:')).toThrow(/needs a path/)
  })
})
