import { describe, expect, it } from 'vitest'
import { AppError, appErrorFromBody, errorResponse } from './errors'

describe('the error contract', () => {
  it('derives the status from the type and keeps the message safe to show', async () => {
    const error = new AppError('not_found:file', 'That file does not exist.', { detail: 'secret upstream body', upstreamCode: 'DAS-404' })
    expect(error.status).toBe(404)
    const response = errorResponse(error)
    expect(response.status).toBe(404)
    const body = await response.json()
    expect(body).toEqual({ error: { code: 'not_found:file', message: 'That file does not exist.', upstreamCode: 'DAS-404' } })
    expect(JSON.stringify(body)).not.toContain('secret')
  })

  it('recognises an AppError made by another loaded copy of the class (Next loads modules per chunk)', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('score-explorer.AppError')]: true, code: 'rate_limited:aep', status: 429 })
    expect(AppError.is(foreign)).toBe(true)
    expect(AppError.is(new Error('plain'))).toBe(false)
  })

  it('never answers an unexpected error with its stack', async () => {
    const response = errorResponse(new TypeError('boom at line 3'))
    expect(response.status).toBe(500)
    expect(JSON.stringify(await response.json())).not.toContain('boom')
  })

  it('rebuilds the same error in the browser, and anything else as a generic one', () => {
    const rebuilt = appErrorFromBody(429, { error: { code: 'rate_limited:aep', message: 'Slow down', retryAfter: 3 } })
    expect(rebuilt.code).toBe('rate_limited:aep')
    expect(rebuilt.retryAfter).toBe(3)
    expect(appErrorFromBody(502, '<html>').code).toBe('upstream:app')
  })
})
