import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Db } from '@/lib/db/connect'
import { openDatabase } from '@/lib/db/migrate'
import { type TestDatabase, testBackends } from '@/lib/db/testing/backends'
import { AppError } from '@/lib/errors'
import { rejectionOf } from '@/lib/testing/app-error'
import { guessLimit } from './rules'
import { createShareStore, type ShareStore } from './store'
import { hashToken } from './tokens'
import { alice, bob, caseFlipped, day, eve, fileShare, manualClock, oneCharChanged, runShare, t0 } from './testing/fixtures'

// The share-link rules (reliability.md §3, T3.1 and T3.2), the same suite on every backend.

describe.each(testBackends())('share store on $name', (backend) => {
  describe.skipIf(backend.skip !== undefined)(backend.skip ?? 'rules', () => {
    let fresh: TestDatabase
    let database: Db
    let clock: ReturnType<typeof manualClock>
    let store: ShareStore

    beforeEach(async () => {
      fresh = await backend.fresh()
      database = await openDatabase(fresh.url)
      clock = manualClock()
      store = createShareStore(database, clock.now)
    })
    afterEach(async () => {
      await database.close()
      await fresh.drop()
    })

    it('T3.2 lifecycle: only the exact, unexpired, unrevoked token opens; every attempt is audited with its reason', async () => {
      const link = await store.create(fileShare())
      expect(link.expiresAt).toBe(t0 + 7 * day)
      const other = await store.create(runShare())

      const opened = await store.resolve(link.token, { actor: bob })
      expect(opened).toMatchObject({ id: link.id, kind: 'file', sandbox: 'prod', dataSetFileId: 'file-1', batchId: 'batch-1', state: 'active', lastUsedAt: t0 })
      expect(await store.resolve(other.token, { actor: bob })).toMatchObject({ id: other.id, kind: 'run', batchId: 'batch-1' })

      clock.set(link.expiresAt - 1)
      expect(await store.resolve(link.token, { actor: bob })).toBeDefined()
      clock.set(link.expiresAt + 1)
      expect(await store.resolve(link.token, { actor: bob })).toBeUndefined()

      clock.set(t0 + day)
      await store.revoke(other.id, { actor: alice })
      expect(await store.resolve(other.token, { actor: bob })).toBeUndefined()

      expect(await store.resolve(oneCharChanged(link.token), { actor: bob })).toBeUndefined()
      expect(await store.resolve(link.token.slice(0, -1), { actor: bob })).toBeUndefined()
      expect(await store.resolve(caseFlipped(link.token), { actor: bob })).toBeUndefined()
      expect(await store.resolve('', { actor: null })).toBeUndefined()

      const events = async (id: string | null) => (await store.audit(id)).map(({ event, reason, actor }) => [event, reason, actor])
      expect(await events(link.id)).toEqual([
        ['create', null, alice],
        ['open', null, bob],
        ['open', null, bob],
        ['denied', 'expired', bob],
      ])
      expect(await events(other.id)).toEqual([
        ['create', null, alice],
        ['open', null, bob],
        ['revoke', null, alice],
        ['denied', 'revoked', bob],
      ])
      // Tokens that match no link are audited without a link, and never with the token.
      expect(await events(null)).toEqual([
        ['denied', 'unknown', bob],
        ['denied', 'malformed', bob],
        ['denied', 'unknown', bob],
        ['denied', 'malformed', null],
      ])
      const attempts = 9
      const all = [...(await store.audit(link.id)), ...(await store.audit(other.id)), ...(await store.audit(null))]
      expect(all.filter((entry) => entry.event === 'open' || entry.event === 'denied')).toHaveLength(attempts)
    })

    it('expiry is checked against the clock on every call, to the millisecond', async () => {
      const link = await store.create(fileShare(alice, { expiresInDays: 1 }))
      clock.set(link.expiresAt)
      expect(await store.resolve(link.token, { actor: bob })).toBeUndefined()
      expect((await store.get(link.id))?.state).toBe('expired')
      // A clock that goes back (another server, NTP) sees the link as it was at that time.
      clock.set(link.expiresAt - 1)
      expect((await store.resolve(link.token, { actor: bob }))?.state).toBe('active')
    })

    it('refuses expiresInDays 0, 31, 1.5 and other non-days, and keeps 1..30 (default 7)', async () => {
      for (const expiresInDays of [0, 31, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const error = await rejectionOf(store.create(fileShare(alice, { expiresInDays })))
        expect(error.code).toBe('bad_request:share')
        expect(error.status).toBe(400)
        expect(error.message).toMatch(/from 1 to 30 whole days/)
      }
      expect((await store.create(fileShare(alice, { expiresInDays: 1 }))).expiresAt).toBe(t0 + day)
      expect((await store.create(fileShare(alice, { expiresInDays: 30 }))).expiresAt).toBe(t0 + 30 * day)
      expect((await store.create(fileShare(alice))).expiresAt).toBe(t0 + 7 * day)
      expect(await store.listByCreator(alice)).toHaveLength(3)
    })

    it('refuses a link without what it opens', async () => {
      expect((await rejectionOf(store.create(fileShare(alice, { path: '' })))).message).toMatch(/file name/)
      expect((await rejectionOf(store.create(fileShare(alice, { dataSetFileId: ' ' })))).message).toMatch(/dataSetFileId/)
      expect((await rejectionOf(store.create({ kind: 'run', sandbox: 'prod', batchId: '', createdBy: alice }))).message).toMatch(/batchId/)
      expect((await rejectionOf(store.create(fileShare('  ')))).code).toBe('bad_request:share')
      expect(await store.listByCreator(alice)).toEqual([])
    })

    it('only the creator revokes; others are forbidden (and audited), unknown ids are not found, revoking twice keeps the first time', async () => {
      const link = await store.create(fileShare())
      const forbidden = await rejectionOf(store.revoke(link.id, { actor: bob }))
      expect([forbidden.code, forbidden.status]).toEqual(['forbidden:share', 403])
      expect((await store.resolve(link.token, { actor: bob }))?.state).toBe('active')
      const missing = await rejectionOf(store.revoke('no-such-link', { actor: alice }))
      expect([missing.code, missing.status]).toEqual(['not_found:share', 404])

      clock.advance(1_000)
      const revoked = await store.revoke(link.id, { actor: 'Alice@ACME.example' })
      expect(revoked).toMatchObject({ state: 'revoked', revokedAt: t0 + 1_000 })
      clock.advance(1_000)
      expect(await store.revoke(link.id, { actor: alice })).toMatchObject({ state: 'revoked', revokedAt: t0 + 1_000 })
      expect(await store.resolve(link.token, { actor: alice })).toBeUndefined()
      expect((await store.audit(link.id)).map(({ event, reason, actor }) => [event, reason, actor])).toEqual([
        ['create', null, alice],
        ['denied', 'not-creator', bob],
        ['open', null, bob],
        ['revoke', null, alice],
        ['revoke', null, alice],
        ['denied', 'revoked', alice],
      ])
    })

    it('T3.3 a revocation through one server is refused by another on its next request', async () => {
      const link = await store.create(fileShare())
      const otherServer = await openDatabase(fresh.url)
      try {
        const other = createShareStore(otherServer, clock.now)
        expect((await other.resolve(link.token, { actor: bob }))?.state).toBe('active')
        await store.revoke(link.id, { actor: alice })
        expect(await other.resolve(link.token, { actor: bob })).toBeUndefined()
        expect((await other.audit(link.id)).at(-1)).toMatchObject({ event: 'denied', reason: 'revoked' })
      } finally {
        await otherServer.close()
      }
    })

    it('counts downloads with their bytes and status, and refuses to count an unknown link', async () => {
      const link = await store.create(fileShare())
      await store.resolve(link.token, { actor: bob })
      clock.advance(5_000)
      await store.recordDownload(link.id, { actor: bob, bytes: 16_777_216, status: 200 })
      clock.advance(5_000)
      await store.recordDownload(link.id, { actor: bob, bytes: 1_048_576, status: 206 })
      expect(await store.get(link.id)).toMatchObject({ downloadCount: 2, lastUsedAt: t0 + 10_000 })
      const downloads = (await store.audit(link.id)).filter((entry) => entry.event === 'download')
      expect(downloads.map(({ actor, bytes, status, at }) => ({ actor, bytes, status, at }))).toEqual([
        { actor: bob, bytes: 16_777_216, status: 200, at: t0 + 5_000 },
        { actor: bob, bytes: 1_048_576, status: 206, at: t0 + 10_000 },
      ])
      expect((await rejectionOf(store.recordDownload('no-such-link', { actor: bob, bytes: 1, status: 200 }))).code).toBe('not_found:share')
      await expect(store.recordDownload(link.id, { actor: bob, bytes: -1, status: 200 })).rejects.toThrow(RangeError)
      expect((await store.get(link.id))?.downloadCount).toBe(2)
    })

    it("lists a person's links, newest first, with state, expiry, downloads and last use", async () => {
      const short = await store.create(fileShare(alice, { expiresInDays: 1 }))
      clock.advance(1_000)
      const revoked = await store.create(runShare())
      clock.advance(1_000)
      const active = await store.create(fileShare(alice, { expiresInDays: 30, path: 'part-00001.parquet' }))
      await store.create(fileShare(bob))
      await store.revoke(revoked.id, { actor: alice })
      await store.resolve(active.token, { actor: bob })
      await store.recordDownload(active.id, { actor: bob, bytes: 10, status: 200 })
      clock.advance(2 * day)

      const links = await store.listByCreator('ALICE@acme.example')
      expect(links.map(({ id, state, expiresAt, downloadCount, lastUsedAt }) => ({ id, state, expiresAt, downloadCount, lastUsedAt }))).toEqual([
        { id: active.id, state: 'active', expiresAt: t0 + 2_000 + 30 * day, downloadCount: 1, lastUsedAt: t0 + 2_000 },
        { id: revoked.id, state: 'revoked', expiresAt: t0 + 1_000 + 7 * day, downloadCount: 0, lastUsedAt: null },
        { id: short.id, state: 'expired', expiresAt: t0 + day, downloadCount: 0, lastUsedAt: null },
      ])
      expect(links[0]).toMatchObject({ kind: 'file', path: 'part-00001.parquet', createdBy: alice, createdAt: t0 + 2_000 })
      expect(await store.listByCreator(eve)).toEqual([])
    })

    it('audits refusals decided outside the store, on the link when the token names one', async () => {
      const link = await store.create(fileShare())
      await store.refuse(link.token, { actor: eve, reason: 'not-in-organisation' })
      await store.refuse(oneCharChanged(link.token), { actor: eve, reason: 'not-in-organisation' })
      expect((await store.audit(link.id)).at(-1)).toMatchObject({ event: 'denied', reason: 'not-in-organisation', actor: eve })
      expect(await store.audit(null)).toMatchObject([{ event: 'denied', reason: 'not-in-organisation', actor: eve, linkId: null }])
    })

    it('1,000 links from 20 concurrent clients are all there after a restart', async () => {
      const clients = 20
      const perClient = 50
      // Postgres: 20 separate pools, like 20 app servers. SQLite: one connection per process (connect.ts), shared
      // by 20 concurrent callers; separate processes are in processes.test.ts.
      const connections = backend.name === 'postgres' ? await Promise.all(Array.from({ length: clients }, () => openDatabase(fresh.url))) : []
      const created = await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          const clientStore = createShareStore(connections[client] ?? database, clock.now)
          const tokens: string[] = []
          for (let i = 0; i < perClient; i++) {
            tokens.push((await clientStore.create(fileShare(`client-${client}@acme.example`, { path: `part-${i}.parquet` }))).token)
          }
          return tokens
        }),
      )
      await Promise.all(connections.map((connection) => connection.close()))
      await database.close()

      database = await openDatabase(fresh.url)
      store = createShareStore(database, clock.now)
      const tokens = created.flat()
      expect(new Set(tokens).size).toBe(clients * perClient)
      const { n } = await database.db.selectFrom('share_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(n)).toBe(clients * perClient)
      const resolved = await Promise.all(tokens.map((token) => store.resolve(token, { actor: bob })))
      expect(resolved.filter((link) => link?.state === 'active')).toHaveLength(clients * perClient)
      for (let client = 0; client < clients; client++) expect(await store.listByCreator(`client-${client}@acme.example`)).toHaveLength(perClient)
    })

    it('T3.6 refuses a person who keeps trying tokens that open nothing, alerts once, and opens again when the window moves', async () => {
      const link = await store.create(fileShare())
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      try {
        const outcomes: string[] = []
        for (let i = 0; i < 1_000; i++) {
          const guess = i % 2 ? oneCharChanged(link.token, i % 43) : 'not-a-token'
          const outcome = await store.resolve(guess, { actor: eve }).then(
            (found) => (found ? 'opened' : 'refused'),
            (error: unknown) => (AppError.is(error) ? error.code : 'other'),
          )
          outcomes.push(outcome)
          clock.advance(100)
        }
        const firstLimited = outcomes.indexOf('rate_limited:share')
        expect(firstLimited).toBe(guessLimit)
        expect(outcomes.slice(0, guessLimit).every((o) => o === 'refused')).toBe(true)
        expect(outcomes.slice(guessLimit).every((o) => o === 'rate_limited:share')).toBe(true)
        // The alert fires once, at the crossing, naming the person.
        expect(warn).toHaveBeenCalledTimes(1)
        expect(String(warn.mock.calls[0]?.[0])).toContain(eve)

        // Even a real token is refused while limited, with a wait that the window bears out; others are unaffected.
        const limited = await rejectionOf(store.resolve(link.token, { actor: eve }))
        expect(limited).toMatchObject({ status: 429, code: 'rate_limited:share' })
        expect(limited.retryAfter).toBeGreaterThan(0)
        expect(await store.resolve(link.token, { actor: bob })).toBeDefined()
        clock.advance((limited.retryAfter ?? 0) * 1000)
        expect(await store.resolve(link.token, { actor: eve })).toMatchObject({ id: link.id })

        // Every attempt is in the audit: the guesses with their reason, the refusals as rate-limited.
        const unmatched = await store.audit(null)
        expect(unmatched.filter((e) => e.actor === eve && e.reason === 'rate-limited')).toHaveLength(1_000 - guessLimit + 1)
        const guessesAudited = [...unmatched, ...(await store.audit(link.id))].filter((e) => e.actor === eve && (e.reason === 'unknown' || e.reason === 'malformed'))
        expect(guessesAudited).toHaveLength(guessLimit)
      } finally {
        warn.mockRestore()
      }
    })

    it('T3.1 no plaintext token anywhere in the stored data, while every hash is', async () => {
      const tokens: string[] = []
      for (let i = 0; i < 100; i++) {
        const link = await store.create(i % 10 === 0 ? runShare() : fileShare(alice, { path: `part-${i}.parquet` }))
        tokens.push(link.token)
        await store.resolve(link.token, { actor: bob })
        if (i % 3 === 0) await store.recordDownload(link.id, { actor: bob, bytes: 1_000, status: 200 })
        if (i % 7 === 0) await store.revoke(link.id, { actor: alice })
        if (i % 11 === 0) await store.resolve(oneCharChanged(link.token), { actor: eve })
      }

      const hits = (bytes: Buffer) => tokens.filter((token) => bytes.includes(token)).length
      const dumps = [await fresh.dump()]
      if (backend.name === 'sqlite') {
        // Before and after the WAL is folded into the main file, and after close.
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db)
        dumps.push(await fresh.dump())
        await database.close()
        dumps.push(await fresh.dump())
      }
      for (const dump of dumps) {
        expect(dump.bytes.length, dump.method).toBeGreaterThan(0)
        expect(hits(dump.bytes), dump.method).toBe(0)
        expect(tokens.filter((token) => dump.bytes.includes(hashToken(token))), dump.method).toHaveLength(tokens.length)
      }
    })
  })
})
