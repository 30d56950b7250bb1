// Fault injection for tests (design.md, "Simulator faults, for tests"). The active rules are replaced as a
// whole by POST /__simulator/faults and cleared by DELETE; every IMS and /data request consults them.
import { z } from 'zod'

const common = {
  /** A path prefix (compared with the path and query), e.g. `/data/foundation/export/files`. */
  match: z.string().startsWith('/').max(2048).optional(),
  /** Share of matching requests the rule hits, 0..1. */
  rate: z.number().min(0).max(1).default(1),
}

export const faultRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('status'), status: z.number().int().min(400).max(599), retryAfter: z.number().int().min(0).max(86_400).optional() }),
  z.strictObject({ ...common, kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({ ...common, kind: z.literal('stall'), afterBytes: z.number().int().min(0) }),
  z.strictObject({ ...common, kind: z.literal('truncate'), afterBytes: z.number().int().min(0) }),
  z.strictObject({ ...common, kind: z.literal('token-ttl'), seconds: z.number().int().min(0).max(86_399) }),
])

export const faultRulesBody = z.strictObject({ rules: z.array(faultRuleSchema).max(100) })

export type FaultRule = z.infer<typeof faultRuleSchema>

/** What the matching rules mean for one request. */
export interface FaultPlan {
  latencyMs: number
  status?: { status: number; retryAfter?: number }
  body?: { kind: 'stall' | 'truncate'; afterBytes: number }
  tokenTtlSeconds?: number
}

export class FaultStore {
  private rules: FaultRule[] = []
  private random = mulberry32(1)

  get active(): FaultRule[] {
    return this.rules
  }

  /** Replaces the rules; the random sequence restarts so a rule set behaves the same on every run. */
  replace(rules: FaultRule[]): void {
    this.rules = rules
    this.random = mulberry32(1)
  }

  clear(): void {
    this.replace([])
  }

  /** Rolls every matching rule once: latencies add up, the first status, body and TTL rule that hits wins. */
  plan(pathWithQuery: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 }
    for (const rule of this.rules) {
      if (rule.match !== undefined && !pathWithQuery.startsWith(rule.match)) continue
      if (rule.rate < 1 && this.random() >= rule.rate) continue
      switch (rule.kind) {
        case 'latency':
          plan.latencyMs += rule.ms
          break
        case 'status':
          plan.status ??= { status: rule.status, retryAfter: rule.retryAfter }
          break
        case 'stall':
        case 'truncate':
          plan.body ??= { kind: rule.kind, afterBytes: rule.afterBytes }
          break
        case 'token-ttl':
          plan.tokenTtlSeconds ??= rule.seconds
          break
      }
    }
    return plan
  }
}

/** A small seeded PRNG: "random enough" for rates, and repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
