import { describe, expect, it } from 'vitest'
import { createShareRequest } from './schema'

const file = {
  sandbox: 'prod',
  dataSetFileId: '01E5QSWCAASFQ054FNBKYV6TIQ-1',
  path: 'part-00000-tid-1234567890123456789-a25f1890-efa9-40eb-a2cb-1b378e93d582-0-1-c000.snappy.parquet',
}

function firstMessage(value: unknown): string | undefined {
  const result = createShareRequest.safeParse(value)
  return result.success ? undefined : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`
}

describe('POST /api/shares body', () => {
  it('takes design.md\'s body as a file link, 7 days unless told otherwise', () => {
    expect(createShareRequest.parse(file)).toEqual({ kind: 'file', ...file, expiresInDays: 7 })
    expect(createShareRequest.parse({ ...file, expiresInDays: 30, batchId: '01E5QSWCAASFQ054FNBKYV6TIQ' })).toMatchObject({ expiresInDays: 30 })
  })

  it('takes a run link', () => {
    expect(createShareRequest.parse({ kind: 'run', sandbox: 'prod', batchId: '01E5QSWCAASFQ054FNBKYV6TIQ', expiresInDays: 1 })).toEqual({
      kind: 'run',
      sandbox: 'prod',
      batchId: '01E5QSWCAASFQ054FNBKYV6TIQ',
      expiresInDays: 1,
    })
  })

  it('refuses, in words, what the store would refuse and what it would never need', () => {
    expect(firstMessage({ ...file, expiresInDays: 31 })).toBe('expiresInDays: A share link lasts at most 30 days.')
    expect(firstMessage({ ...file, expiresInDays: 0 })).toBe('expiresInDays: A share link lasts at least 1 day.')
    expect(firstMessage({ ...file, expiresInDays: 2.5 })).toBe('expiresInDays: expiresInDays must be a whole number of days.')
    expect(firstMessage({ ...file, expiresInDays: '7' })).toMatch(/^expiresInDays: /)
    expect(firstMessage({ ...file, path: '../x.parquet' })).toMatch(/^path: /)
    expect(firstMessage({ ...file, url: 'https://evil.example/' })).toBeDefined()
    expect(firstMessage({ kind: 'run', sandbox: 'prod' })).toMatch(/^batchId: /)
    expect(firstMessage({ ...file, kind: 'folder' })).toBeDefined()
    expect(firstMessage('not an object')).toBeDefined()
  })
})
