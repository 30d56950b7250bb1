import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedFetch, guardedLookup, isPublicAddress } from './connect-guard'

// reliability.md §1.4: names resolve through a lookup that refuses non-public addresses and pins what it checked.
// DNS is simulated (a resolver the test controls), the connections are real, on loopback.

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0',
    '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1',
    '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', 'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(['8.8.8.8', '151.101.1.69', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true)
  })
})

type Answer = { address: string; family: number }[]

function resolverOf(answers: Record<string, Answer[]>) {
  const asked: string[] = []
  const resolve = (hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: Answer) => void) => {
    asked.push(hostname)
    // Each lookup of a name takes the next answer, the way a rebinding DNS server changes its mind.
    const next = answers[hostname]?.shift()
    if (!next) return callback(Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' }), [])
    callback(null, next)
  }
  return { resolve, asked }
}

describe('guardedLookup', () => {
  const lookup = (resolve: ReturnType<typeof resolverOf>['resolve'], hostname: string, all = false) =>
    new Promise<{ error: Error | null; address: unknown; family?: number }>((done) => {
      guardedLookup(resolve)(hostname, { all }, (error, address, family) => done({ error, address, family }))
    })

  it('hands over exactly the public addresses it checked', async () => {
    const { resolve } = resolverOf({ 'platform.adobe.io': [[{ address: '151.101.1.69', family: 4 }], [{ address: '151.101.1.69', family: 4 }, { address: '2a00:1450:4001::200e', family: 6 }]] })
    expect(await lookup(resolve, 'platform.adobe.io')).toEqual({ error: null, address: '151.101.1.69', family: 4 })
    expect((await lookup(resolve, 'platform.adobe.io', true)).address).toEqual([
      { address: '151.101.1.69', family: 4 },
      { address: '2a00:1450:4001::200e', family: 6 },
    ])
  })

  it('refuses a name when any of its addresses is not public', async () => {
    const { resolve } = resolverOf({ 'platform.adobe.io': [[{ address: '151.101.1.69', family: 4 }, { address: '10.0.0.7', family: 4 }]] })
    const { error } = await lookup(resolve, 'platform.adobe.io')
    expect(error?.message).toContain('10.0.0.7')
  })

  it('lets localhost reach loopback, and nothing else', async () => {
    const { resolve } = resolverOf({ localhost: [[{ address: '127.0.0.1', family: 4 }], [{ address: '10.0.0.7', family: 4 }]] })
    expect((await lookup(resolve, 'localhost')).error).toBeNull()
    expect((await lookup(resolve, 'localhost')).error?.message).toContain('10.0.0.7')
  })
})

describe('guardedFetch', () => {
  let server: Server
  let port = 0
  let hits = 0

  beforeAll(async () => {
    server = createServer((_, response) => {
      hits += 1
      response.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('never connects to a name that resolves (or rebinds) to a private address', async () => {
    // The name answers loopback when the connection is made, as a rebinding DNS server would after a check: the
    // check happens in the connection's own lookup, so there is no earlier answer to trust.
    const { resolve, asked } = resolverOf({ 'adobe.rebind.test': [[{ address: '127.0.0.1', family: 4 }]] })
    const before = hits
    const failure = await guardedFetch(resolve)(`http://adobe.rebind.test:${port}/data/x`).then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: Error },
    )
    expect(failure?.cause?.message ?? failure?.message).toContain('not a public address')
    expect(asked).toContain('adobe.rebind.test')
    expect(hits).toBe(before)
  })

  it('connects to an IP literal it was configured with (the simulator) without a lookup', async () => {
    const { resolve, asked } = resolverOf({})
    const response = await guardedFetch(resolve)(`http://127.0.0.1:${port}/data/x`)
    expect(await response.text()).toBe('ok')
    expect(asked).toEqual([])
  })
})
