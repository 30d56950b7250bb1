import 'server-only'
import { lookup as systemLookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'

// Defence in depth at connect time (reliability.md §1.4). lib/aep only ever calls the configured Adobe origins and
// never follows redirects, but a name can be made to resolve anywhere: between a check and a connect (DNS
// rebinding), or for good. So every connection made by name resolves through `guardedLookup`, which refuses
// loopback, private, link-local, shared and IPv4-mapped addresses and hands the socket exactly the addresses it
// checked (undici connects to what the lookup returns: the check and the connection cannot disagree). IP literals
// are not looked up: configuring one (the simulator's 127.0.0.1) is the operator's explicit choice, as is the name
// `localhost`, which may resolve to loopback and nothing else.

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}
// IPv4-mapped IPv6 addresses are refused whatever they map to. A BlockList matches IPv4 rules against mapped
// addresses and mapped rules against IPv4 ones, so this range lives in a list of its own, checked for IPv6 only.
const mapped = new BlockList()
mapped.addSubnet('::ffff:0:0', 96, 'ipv6')
const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

/** Whether a connection to this address could only reach the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  if (family === 6 && mapped.check(address, 'ipv6')) return false
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export class PrivateAddressError extends Error {
  readonly code = 'ERR_PRIVATE_ADDRESS'
  constructor(hostname: string, address: string) {
    super(`${hostname} resolved to ${address}, which is not a public address; lib/aep does not connect there`)
    this.name = 'PrivateAddressError'
  }
}

type Resolve = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

const resolveAll: Resolve = (hostname, options, callback) => systemLookup(hostname, options, callback)

/** A `lookup` for sockets that checks every address it hands over. `resolve` is the system resolver but in tests. */
export function guardedLookup(resolve: Resolve = resolveAll) {
  return (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0
    resolve(hostname, { family, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const allowed = hostname === 'localhost' ? (a: LookupAddress) => loopback.check(a.address, a.family === 4 ? 'ipv4' : 'ipv6') : (a: LookupAddress) => isPublicAddress(a.address)
      const refused = addresses.find((a) => !allowed(a))
      if (refused || addresses.length === 0) {
        return callback(Object.assign(new PrivateAddressError(hostname, refused?.address ?? 'nothing'), { errno: 0 }), [])
      }
      if (options.all) return callback(null, addresses)
      const [first] = addresses
      callback(null, first?.address ?? '', first?.family)
    })
  }
}

/** fetch whose connections go through guardedLookup (one connection pool per process). */
export function guardedFetch(resolve?: Resolve): typeof fetch {
  const agent = new Agent({ connect: { lookup: guardedLookup(resolve) } })
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as typeof fetch
}
