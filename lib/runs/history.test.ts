import { describe, expect, it } from 'vitest'
import { batchOf } from '@/lib/aep/testing/batches'
import { describeHistory } from './history'

const batch = batchOf

describe('run history', () => {
  it('orders newest first, marks the latest success and who replaced whom', () => {
    const runs = describeHistory([
      batch('a', 1, 'success'),
      batch('b', 2, 'success', ['a']),
      batch('c', 3, 'failure', ['b']),
      batch('d', 4, 'processing', ['b']),
    ])
    expect(runs.map((run) => run.id)).toEqual(['d', 'c', 'b', 'a'])
    expect(runs.filter((run) => run.isLatestSuccessful).map((run) => run.id)).toEqual(['b'])
    expect(runs.find((run) => run.id === 'a')?.replacedBy).toBe('b')
    expect(runs.find((run) => run.id === 'd')?.replacedBy).toBeUndefined()
  })

  it('has no latest success when nothing succeeded', () => {
    expect(describeHistory([batch('x', 1, 'failure')]).some((run) => run.isLatestSuccessful)).toBe(false)
  })
})
