// Reads the score rule out of the PQL of the segments the simulator makes (catalog.ts): comparisons of one
// instance's `score` with numbers, joined by `and`, e.g. `_acmeinc.CustomerAI.churnPrediction.score >= 25 and
// _acmeinc.CustomerAI.churnPrediction.score <= 74`. Anything else is refused rather than guessed.

export type Comparison = '>' | '>=' | '<' | '<='

/** Score bounds; structured-cloneable so that it can travel to a worker. */
export interface ScoreRule {
  /** The instance key the rule reads, e.g. `churnPrediction`. */
  instanceKey: string
  terms: { op: Comparison; value: number }[]
}

const TERM = /^\s*[A-Za-z_][\w]*\.CustomerAI\.([A-Za-z_]\w*)\.score\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/

export function parseScoreRule(expression: string): ScoreRule {
  const parts = expression.split(/\s+and\s+/i)
  let instanceKey: string | undefined
  const terms: ScoreRule['terms'] = []
  for (const part of parts) {
    const match = TERM.exec(part)
    if (!match) throw new Error(`unsupported segment expression: ${expression}`)
    const [, key, op, value] = match
    if (instanceKey !== undefined && key !== instanceKey) throw new Error(`segment mixes instances: ${expression}`)
    instanceKey = key
    terms.push({ op: op as Comparison, value: Number(value) })
  }
  if (instanceKey === undefined) throw new Error(`empty segment expression: ${expression}`)
  return { instanceKey, terms }
}

export function matchesRule(rule: ScoreRule, score: number): boolean {
  return rule.terms.every(({ op, value }) => {
    if (op === '>') return score > value
    if (op === '>=') return score >= value
    if (op === '<') return score < value
    return score <= value
  })
}
