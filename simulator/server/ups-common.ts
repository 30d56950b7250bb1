// Pieces shared by the Segmentation and Profile export APIs (`/data/core/ups`, aep-api.md §4).
import { createHash } from 'node:crypto'
import type { SandboxRecord, SegmentRecord } from '../model'
import { badRequest } from './errors'

export const UPS_BASE = '/data/core/ups'
export const PROFILE_SCHEMA = '_xdm.context.profile'

/** A UUID derived from a string, so that ids the World does not carry stay stable across restarts. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function mergePolicyId(sandbox: string): string {
  return stableUuid(`merge-policy:${sandbox}`)
}

export function sandboxInfo(s: SandboxRecord) {
  return { sandboxId: stableUuid(`sandbox:${s.name}`), sandboxName: s.name, type: s.type, default: s.isDefault }
}

export function pqlExpression(segment: SegmentRecord) {
  return { type: 'PQL', format: 'pql/text', value: segment.expression }
}

export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name)
  if (raw === null) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max) throw badRequest('UPS', `Invalid ${name} '${raw}': expected an integer between ${min} and ${max}.`)
  return n
}
