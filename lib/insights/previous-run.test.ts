import { describe, expect, it } from 'vitest'
import { batchOf } from '@/lib/aep/testing/batches'
import type { Batch } from '@/lib/aep/types'
import { previousSuccessfulRun } from './previous-run'

const run = batchOf

describe('previousSuccessfulRun', () => {
  const history = [run('a', 1, 'success'), run('b', 2, 'success', ['a']), run('c', 3, 'failure', ['b']), run('d', 4, 'success', ['c'])]

  it('follows replay.predecessors past failed runs', () => {
    expect(previousSuccessfulRun(history[3] as Batch, history)?.id).toBe('b')
  })

  it('falls back to the newest earlier success when the chain breaks', () => {
    const orphan = run('e', 5, 'success', ['gone'])
    expect(previousSuccessfulRun(orphan, [...history, orphan])?.id).toBe('d')
    expect(previousSuccessfulRun(history[0] as Batch, history)).toBeUndefined()
  })

  it('stops on a cycle', () => {
    const loop = [run('x', 1, 'failure', ['y']), run('y', 2, 'failure', ['x'])]
    expect(previousSuccessfulRun(run('z', 3, 'success', ['x']), loop)).toBeUndefined()
  })
})
