// Sandbox Management contract (aep-api.md §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from './index'
import { callJson, getToken, startSimulator } from './testkit'

interface SandboxList {
  sandboxes: Record<string, unknown>[]
  _page: { limit: number; count: number }
  _links: Record<string, { href: string }>
}

let sim: Simulator
let token: string

beforeAll(async () => {
  sim = await startSimulator()
  token = await getToken(sim.url)
})
afterAll(() => sim.close())

describe('sandboxes', () => {
  it('lists every sandbox in the org with _page and _links', async () => {
    const { status, body } = await callJson<SandboxList>(sim.url, token, '/data/foundation/sandbox-management/sandboxes')
    expect(status).toBe(200)
    expect(body.sandboxes.map((s) => s.name)).toEqual(['prod', 'dev'])
    expect(body._page).toEqual({ limit: 50, count: 2 })
    expect(body._links.page?.href).toContain(`${sim.url}/data/foundation/sandbox-management/sandboxes/`)
    expect(body.sandboxes[0]).toMatchObject({
      name: 'prod',
      title: expect.any(String),
      state: 'active',
      type: 'production',
      region: expect.any(String),
      isDefault: true,
      eTag: expect.any(Number),
      createdDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      lastModifiedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      createdBy: expect.any(String),
      modifiedBy: expect.any(String),
    })
  })

  it('pages with limit and offset', async () => {
    const first = await callJson<SandboxList>(sim.url, token, '/data/foundation/sandbox-management/sandboxes?limit=1')
    expect(first.body.sandboxes.map((s) => s.name)).toEqual(['prod'])
    expect(first.body._links.next?.href).toContain('offset=1')
    const second = await callJson<SandboxList>(sim.url, token, first.body._links.next?.href ?? '')
    expect(second.body.sandboxes.map((s) => s.name)).toEqual(['dev'])
    expect(second.body._links.next).toBeUndefined()
  })

  it('lists the sandboxes available to the caller at the base path', async () => {
    const { status, body } = await callJson<SandboxList>(sim.url, token, '/data/foundation/sandbox-management/')
    expect(status).toBe(200)
    expect(body.sandboxes.map((s) => s.name)).toEqual(['prod', 'dev'])
  })

  it('looks one up unwrapped, ignoring the sandbox header, and answers 404 for an unknown name', async () => {
    const dev = await callJson<Record<string, unknown>>(sim.url, token, '/data/foundation/sandbox-management/sandboxes/dev', { sandbox: 'prod' })
    expect(dev.body).toMatchObject({ name: 'dev', type: 'development', isDefault: false })
    const missing = await callJson<Record<string, unknown>>(sim.url, token, '/data/foundation/sandbox-management/sandboxes/nope')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ status: 404, title: expect.any(String), type: expect.stringContaining('SMS') })
    // Listing ignores x-sandbox-name, even an unknown one (AdobeDocs/experience-platform.en#368).
    expect((await callJson(sim.url, token, '/data/foundation/sandbox-management/sandboxes', { sandbox: 'nope' })).status).toBe(200)
  })
})
