// The rules of a share link, apart from storage: how long it may live, what it must name, when it is usable.
import { AppError } from '@/lib/errors'
import type { NewShare, ShareState } from './types'

export const defaultExpiryDays = 7
export const maxExpiryDays = 30
export const dayMs = 24 * 60 * 60 * 1000

/**
 * Tokens that open nothing (unknown or malformed) one person may try in a window before every further attempt is
 * refused with 429 until the window has moved on (reliability.md T3.6). A real link never needs guessing, and a
 * person pasting a few broken links stays far below this; a script trying tokens does not.
 */
export const guessLimit = 30
export const guessWindowMs = 10 * 60 * 1000
/** Audit reasons that count as guesses; refusals for rate limiting count too, so hammering keeps the door shut. */
export const guessReasons = ['unknown', 'malformed', 'rate-limited'] as const

/** Whole days from 1 to 30 (reliability.md §3.3); anything else is the caller's mistake, said plainly. */
export function expiryDays(requested: number | undefined): number {
  const days = requested ?? defaultExpiryDays
  if (!Number.isInteger(days) || days < 1 || days > maxExpiryDays) {
    throw new AppError('bad_request:share', `A share link lasts from 1 to ${maxExpiryDays} whole days; ${String(days)} is not allowed.`)
  }
  return days
}

export interface TargetColumns {
  kind: 'file' | 'run'
  sandbox: string
  dataset_file_id: string | null
  file_path: string | null
  batch_id: string | null
}

/** The link's target as columns, refusing a file link without its file and a run link without its run. */
export function targetColumns(input: NewShare): TargetColumns {
  const sandbox = required(input.sandbox, 'the sandbox')
  if (input.kind === 'file') {
    return {
      kind: 'file',
      sandbox,
      dataset_file_id: required(input.dataSetFileId, 'the file (dataSetFileId)'),
      file_path: required(input.path, 'the file name (path)'),
      batch_id: input.batchId || null,
    }
  }
  if (input.kind === 'run') {
    return { kind: 'run', sandbox, dataset_file_id: null, file_path: null, batch_id: required(input.batchId, 'the run (batchId)') }
  }
  throw new AppError('bad_request:share', 'A share link opens a file or a run.')
}

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase()
  if (normalized === '') throw new AppError('bad_request:share', 'A share link needs the e-mail address of the person acting on it.')
  return normalized
}

/** Evaluated on every call against the clock: an expiry or a revocation takes effect at once. */
export function stateAt(link: { revoked_at: number | null; expires_at: number }, now: number): ShareState {
  if (link.revoked_at !== null) return 'revoked'
  // `expires_at` is the first instant the link no longer works.
  if (now >= link.expires_at) return 'expired'
  return 'active'
}

function required(value: string | null | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('bad_request:share', `A share link needs ${what}.`)
  return value
}
