import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { clientClosedRequest, withUser } from './handler'

const session = vi.hoisted(() => ({ user: { email: 'alice@acme.example', name: 'Alice' } as { email: string; name: string } | undefined }))
vi.mock('@/lib/auth/session', () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError('unauthorized:auth', 'Sign in to continue.')
    return session.user
  },
}))

const noParams = z.object({})
const context = { params: Promise.resolve({}) }

afterEach(() => {
  session.user = { email: 'alice@acme.example', name: 'Alice' }
  vi.restoreAllMocks()
})

describe('withUser', () => {
  it('answers a stranger 401 before parsing anything or running the handler', async () => {
    session.user = undefined
    const handler = vi.fn(async () => new Response('secret'))
    const response = await withUser(z.object({ id: z.string() }), handler)(new Request('http://app.test/api/x'), { params: Promise.resolve({}) })
    expect(response.status).toBe(401)
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns bad params into a 400 that says which one', async () => {
    const response = await withUser(z.object({ id: z.string().regex(/^\d+$/, 'must be digits') }), async () => new Response())(
      new Request('http://app.test/api/x'),
      { params: Promise.resolve({ id: 'abc' }) },
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'bad_request:request', message: 'id: must be digits' } })
  })

  it('logs an unexpected failure and answers 500 without its details', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const response = await withUser(noParams, async () => {
      throw new TypeError('boom at line 3')
    })(new Request('http://app.test/api/x'), context)
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('boom')
    expect(logged).toHaveBeenCalledOnce()
  })

  it('does not log the abort when the person left mid-request, and answers nobody with 499', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const leaving = new AbortController()
    const request = new Request('http://app.test/api/x', { signal: leaving.signal })
    const response = await withUser(noParams, async ({ request: seen }) => {
      leaving.abort(Object.assign(new Error('aborted'), { name: 'ResponseAborted' }))
      throw seen.signal.reason
    })(request, context)
    expect(response.status).toBe(clientClosedRequest)
    expect(logged).not.toHaveBeenCalled()
  })

  it('still logs a bug that happens to surface after the person left', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const leaving = new AbortController()
    const response = await withUser(noParams, async () => {
      leaving.abort()
      throw new TypeError('cannot read properties of undefined')
    })(new Request('http://app.test/api/x', { signal: leaving.signal }), context)
    expect(response.status).toBe(500)
    expect(logged).toHaveBeenCalledOnce()
  })
})
