// The share-link store: creating, resolving, revoking and auditing links, pure of HTTP. Every outcome of a token
// is audited (reliability.md §3.7), with the link's id and never the token; the validity checks run on every call
// against `clock`, so expiry and revocation take effect on the next request, on every server sharing the database.
import type { Kysely } from 'kysely'
import type { Db } from '@/lib/db/connect'
import type { Database, NewShareAuditRow } from '@/lib/db/schema'
import { AppError } from '@/lib/errors'
import { toAuditEntry, toShareLink } from './rows'
import { dayMs, expiryDays, guessLimit, guessReasons, guessWindowMs, normalizeEmail, stateAt, targetColumns } from './rules'
import { hashToken, isWellFormedToken, newLinkId, newToken } from './tokens'
import type { CreatedShare, DenyReason, NewShare, ShareAuditEntry, ShareLink } from './types'

/** Who is acting: the signed-in person's e-mail, or null when nobody is signed in. */
export interface Actor {
  actor: string | null
}

export interface DownloadRecord extends Actor {
  /** Bytes sent, when known. */
  bytes: number | null
  /** The HTTP status the download was answered with. */
  status: number
}

export interface ShareStore {
  create(input: NewShare): Promise<CreatedShare>
  /**
   * The link if the token opens one right now; otherwise undefined. Audited either way (`open` or `denied`). Throws
   * `rate_limited:share` without looking at the token when the actor has tried too many tokens that open nothing.
   */
  resolve(token: string, context: Actor): Promise<ShareLink | undefined>
  /** Audits a refusal decided outside the store (e.g. `not-in-organisation`), attached to the link if there is one. */
  refuse(token: string, context: Actor & { reason: DenyReason }): Promise<void>
  /** Counts a download of a link that resolve() accepted. */
  recordDownload(linkId: string, record: DownloadRecord): Promise<void>
  /** A link by its public id, with its state now; no audit, no token needed (the creator's own views). */
  get(id: string): Promise<ShareLink | undefined>
  /** The links someone created, newest first. */
  listByCreator(email: string): Promise<ShareLink[]>
  /** Only the creator may revoke; revoking twice is harmless and keeps the first time. */
  revoke(id: string, context: { actor: string }): Promise<ShareLink>
  /** A link's audit trail in order; `null` gives the attempts with tokens that matched no link. */
  audit(linkId: string | null): Promise<ShareAuditEntry[]>
}

export function createShareStore({ db }: Db, clock: () => number = Date.now): ShareStore {
  const findByHash = (tokenHash: string) => db.selectFrom('share_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  const findById = (id: string) => db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirst()

  /** The actor's recent attempts that count as guesses (rules.ts). */
  const guesses = (who: string, now: number) =>
    db
      .selectFrom('share_audit')
      .where('at', '>', now - guessWindowMs)
      .where('actor', '=', who)
      .where('event', '=', 'denied')
      .where('reason', 'in', guessReasons)

  /** T3.6: past the limit, the attempt is audited and refused, and crossing it raises the alert. */
  async function refuseGuessing(who: string, now: number): Promise<void> {
    const { count } = await guesses(who, now)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow()
    const before = Number(count)
    if (before < guessLimit) return
    await writeAudit(db, { link_id: null, event: 'denied', reason: 'rate-limited', actor: who, at: now })
    if (before === guessLimit) {
      // The alert: one line for whoever watches the logs, once per crossing; the audit has every attempt.
      console.warn(`[score-explorer] share links: ${who} tried ${before} tokens that open nothing within ${guessWindowMs / 60_000} minutes; further attempts are refused`)
    }
    // Attempts open again once enough of the window's guesses (this one included) have aged out of it.
    const reopening = await guesses(who, now)
      .select('at')
      .orderBy('at')
      .offset(before + 1 - guessLimit)
      .limit(1)
      .executeTakeFirst()
    const retryAfter = Math.max(1, Math.ceil((Number(reopening?.at ?? now) + guessWindowMs - now) / 1000))
    throw new AppError('rate_limited:share', `Too many share links that open nothing were tried from your account. Try again in ${Math.ceil(retryAfter / 60)} minutes.`, { retryAfter })
  }

  return {
    async create(input) {
      const target = targetColumns(input)
      const days = expiryDays(input.expiresInDays)
      const createdBy = normalizeEmail(input.createdBy)
      const now = clock()
      const id = newLinkId()
      const token = newToken()
      const expiresAt = now + days * dayMs
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('share_links')
          .values({ id, token_hash: hashToken(token), ...target, created_by: createdBy, created_at: now, expires_at: expiresAt })
          .execute()
        await writeAudit(trx, { link_id: id, event: 'create', actor: createdBy, at: now })
      })
      return { id, token, expiresAt }
    },

    async resolve(token, { actor }) {
      const now = clock()
      const who = actorOrNull(actor)
      if (who) await refuseGuessing(who, now)
      if (!isWellFormedToken(token)) {
        await writeAudit(db, { link_id: null, event: 'denied', reason: 'malformed', actor: who, at: now })
        return undefined
      }
      const row = await findByHash(hashToken(token))
      if (!row) {
        await writeAudit(db, { link_id: null, event: 'denied', reason: 'unknown', actor: who, at: now })
        return undefined
      }
      const state = stateAt(row, now)
      if (state !== 'active') {
        await writeAudit(db, { link_id: row.id, event: 'denied', reason: state, actor: who, at: now })
        return undefined
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('share_links').set({ last_used_at: now }).where('id', '=', row.id).execute()
        await writeAudit(trx, { link_id: row.id, event: 'open', actor: who, at: now })
      })
      return toShareLink({ ...row, last_used_at: now }, now)
    },

    async refuse(token, { actor, reason }) {
      const row = isWellFormedToken(token) ? await findByHash(hashToken(token)) : undefined
      await writeAudit(db, { link_id: row?.id ?? null, event: 'denied', reason, actor: actorOrNull(actor), at: clock() })
    },

    async recordDownload(linkId, { actor, bytes, status }) {
      if (bytes !== null && !(Number.isSafeInteger(bytes) && bytes >= 0)) throw new RangeError(`bytes must be a count, got ${bytes}`)
      const now = clock()
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('share_links')
          .set((eb) => ({ download_count: eb('download_count', '+', 1), last_used_at: now }))
          .where('id', '=', linkId)
          .executeTakeFirst()
        if (updated.numUpdatedRows === 0n) throw notFound()
        await writeAudit(trx, { link_id: linkId, event: 'download', actor: actorOrNull(actor), at: now, bytes, status })
      })
    },

    async get(id) {
      const row = await findById(id)
      return row && toShareLink(row, clock())
    },

    async listByCreator(email) {
      const rows = await db
        .selectFrom('share_links')
        .selectAll()
        .where('created_by', '=', normalizeEmail(email))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute()
      const now = clock()
      return rows.map((row) => toShareLink(row, now))
    },

    async revoke(id, { actor }) {
      const who = normalizeEmail(actor)
      const now = clock()
      const row = await findById(id)
      if (!row) throw notFound()
      if (row.created_by !== who) {
        await writeAudit(db, { link_id: id, event: 'denied', reason: 'not-creator', actor: who, at: now })
        throw new AppError('forbidden:share', 'Only the person who created a share link can revoke it.')
      }
      const revoked = await db.transaction().execute(async (trx) => {
        // `revoked_at is null`: a second revoke, or two at once, keeps the first time.
        await trx.updateTable('share_links').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute()
        await writeAudit(trx, { link_id: id, event: 'revoke', actor: who, at: now })
        return trx.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      })
      return toShareLink(revoked, now)
    },

    async audit(linkId) {
      const rows = await db
        .selectFrom('share_audit')
        .selectAll()
        .where('link_id', linkId === null ? 'is' : '=', linkId)
        .orderBy('id')
        .execute()
      return rows.map(toAuditEntry)
    },
  }
}

async function writeAudit(db: Kysely<Database>, entry: NewShareAuditRow): Promise<void> {
  await db.insertInto('share_audit').values(entry).execute()
}

// Actors are e-mail addresses, compared case-insensitively; an empty one is nobody.
function actorOrNull(actor: string | null): string | null {
  const trimmed = actor?.trim().toLowerCase()
  return trimmed ? trimmed : null
}

function notFound(): AppError {
  return new AppError('not_found:share', 'This share link does not exist.')
}
