import { describe, expect, it } from 'vitest'
import type { ExportJob } from '@/lib/aep/types'
import { describeErrors, isFinal, parseStatus, progressSteps, storedFieldsOf, worthFollowing } from './status'

const job = (overrides: Partial<ExportJob>): ExportJob => ({ id: '24115', status: 'NEW', segmentIds: ['s'], errors: [], ...overrides })

describe('export job status', () => {
  it('knows which statuses are final', () => {
    expect(['NEW', 'PROCESSING', 'SUCCEEDED', 'FAILED'].map((s) => isFinal(s as ExportJob['status']))).toEqual([false, false, true, true])
  })

  it('follows a job only while asking again can tell more', () => {
    expect(worthFollowing({ status: 'PROCESSING' })).toBe(true)
    expect(worthFollowing({ status: 'NEW', stale: 'unreachable' })).toBe(true)
    expect(worthFollowing({ status: 'PROCESSING', stale: 'unknown' })).toBe(false)
    expect(worthFollowing({ status: 'PROCESSING', stale: 'retired' })).toBe(false)
    expect(worthFollowing({ status: 'SUCCEEDED' })).toBe(false)
  })

  it('parses stored statuses and refuses claims', () => {
    expect(parseStatus('SUCCEEDED')).toBe('SUCCEEDED')
    expect(parseStatus('processing')).toBe('PROCESSING')
    expect(parseStatus('STARTING')).toBeUndefined()
  })

  it('walks the progress steps NEW → PROCESSING → SUCCEEDED', () => {
    const states = (status: ExportJob['status']) => progressSteps(status).map((step) => `${step.status}:${step.state}`)
    expect(states('NEW')).toEqual(['NEW:current', 'PROCESSING:upcoming', 'SUCCEEDED:upcoming'])
    expect(states('PROCESSING')).toEqual(['NEW:done', 'PROCESSING:current', 'SUCCEEDED:upcoming'])
    expect(states('SUCCEEDED')).toEqual(['NEW:done', 'PROCESSING:done', 'SUCCEEDED:done'])
    expect(states('FAILED')).toEqual(['NEW:done', 'PROCESSING:done', 'FAILED:failed'])
  })

  it('puts Adobe’s errors in words with their codes', () => {
    expect(describeErrors([{ code: '0090000009', message: 'Profile export failed.' }])).toBe('Profile export failed (Adobe error 0090000009).')
    expect(describeErrors([{ code: '', message: 'No code here' }])).toBe('No code here.')
    expect(describeErrors([{ code: 'X1', message: ' ' }])).toBe('Adobe gave no reason (Adobe error X1).')
    expect(describeErrors([])).toBeUndefined()
  })

  it('stores a batch only for a success and an error sentence for every failure', () => {
    expect(storedFieldsOf(job({ status: 'SUCCEEDED', batchId: 'B1' }))).toEqual({ status: 'SUCCEEDED', batchId: 'B1', error: null })
    expect(storedFieldsOf(job({ status: 'PROCESSING', batchId: 'B1' }))).toEqual({ status: 'PROCESSING', batchId: null, error: null })
    expect(storedFieldsOf(job({ status: 'FAILED', errors: [{ code: '0090000009', message: 'Writing failed' }] }))).toEqual({
      status: 'FAILED',
      batchId: null,
      error: 'Writing failed (Adobe error 0090000009).',
    })
    expect(storedFieldsOf(job({ status: 'FAILED' })).error).toMatch(/without giving a reason/)
  })
})
