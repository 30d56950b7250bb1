// Shared by the share-store tests: people, targets, a clock the test moves by hand, and near-miss tokens.
import type { NewShare } from '../types'

export const alice = 'alice@acme.example'
export const bob = 'bob@acme.example'
export const eve = 'eve@other.example'
export const day = 86_400_000
/** 2030-06-01T12:00Z: far from the real clock, so a test that forgot to inject its clock fails. */
export const t0 = Date.UTC(2030, 5, 1, 12)

export function fileShare(createdBy = alice, overrides: Partial<Extract<NewShare, { kind: 'file' }>> = {}): NewShare {
  return { kind: 'file', sandbox: 'prod', dataSetFileId: 'file-1', path: 'part-00000-tid-1-c000.snappy.parquet', batchId: 'batch-1', createdBy, ...overrides }
}

export function runShare(createdBy = alice): NewShare {
  return { kind: 'run', sandbox: 'prod', batchId: 'batch-1', createdBy }
}

export function manualClock(start = t0) {
  let now = start
  return {
    now: () => now,
    set: (at: number) => {
      now = at
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** The same length, one character different. */
export function oneCharChanged(token: string, at = 20): string {
  const current = token[at] ?? 'A'
  const replacement = alphabet[(alphabet.indexOf(current) + 1) % alphabet.length] ?? 'A'
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`
}

export function caseFlipped(token: string): string {
  return [...token].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('')
}
