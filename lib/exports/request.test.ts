import { describe, expect, it } from 'vitest'
import { createExportBody, datasetName, defaultDatasetName } from './request'

const key = 'k'.repeat(22)

describe('the export request', () => {
  it('accepts a new or an existing target, ids only', () => {
    const segmentId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
    expect(createExportBody.safeParse({ segmentId, target: { kind: 'new', name: ' Mine ' }, requestKey: key }).data?.target).toEqual({
      kind: 'new',
      name: 'Mine',
    })
    expect(createExportBody.safeParse({ segmentId, target: { kind: 'existing', datasetId: 'a'.repeat(24) }, requestKey: key }).success).toBe(true)
    expect(createExportBody.safeParse({ segmentId, target: { kind: 'existing', datasetId: 'https://evil.example/' }, requestKey: key }).success).toBe(false)
    expect(createExportBody.safeParse({ segmentId: '../../x', target: { kind: 'new', name: 'x' }, requestKey: key }).success).toBe(false)
    expect(createExportBody.safeParse({ segmentId, target: { kind: 'new', name: 'x' }, requestKey: 'short' }).success).toBe(false)
  })

  it('refuses names that are empty, too long, control characters or pose as Customer AI output', () => {
    expect(datasetName.safeParse('   ').success).toBe(false)
    expect(datasetName.safeParse('x'.repeat(201)).success).toBe(false)
    expect(datasetName.safeParse('a\nb').success).toBe(false)
    expect(datasetName.safeParse('Customer AI Scores - Fake').success).toBe(false)
    expect(datasetName.safeParse('Scores of Customer AI Scores - ok').success).toBe(true)
  })

  it('suggests a name from the segment and the day, always valid', () => {
    const now = Date.UTC(2026, 10, 30, 12)
    expect(defaultDatasetName('Churn Prediction – High propensity', now)).toBe('Segment export – Churn Prediction – High propensity – 2026-11-30')
    const long = defaultDatasetName('x'.repeat(400), now)
    expect(long.length).toBe(200)
    expect(datasetName.safeParse(long).success).toBe(true)
  })
})
