// Which segments belong to which Customer AI instance. Adobe links a segment to nothing but its rule: there is no
// "instance" field on a segment definition (aep-api.md §4.4), so the rule is read.
//
// The rule: a segment built on an instance's scores reads `<_tenant>.CustomerAI.<instanceKey>.<attribute>` in its
// PQL (aep-api.md §3.3–3.4; Segment Builder's path is "<tenant> > Customer AI > <instance> > Score").
//  1. When the PQL names one or more `CustomerAI.<key>` paths, the segment belongs to the instance whose key it
//     names: the key read from the instance's own score files when known (lib/exports/instance-key.ts), or else
//     the instance name folded to letters and digits ("Churn Prediction" ~ `churnPrediction`). The rule is the
//     truth here: a segment named after one instance but reading another's scores goes with the scores.
//  2. When the PQL names no Customer AI path (or there is no PQL), the name decides: "Create segment" people name
//     a bucket segment after its instance, e.g. "Churn Prediction – High propensity". The instance name must be
//     followed by the end or a separator, so "Churn" does not claim "Churn Prediction – High".
// Pure: unit-tested in match.test.ts.

export interface SegmentLike {
  id: string
  name: string
  expression?: string
}

export interface InstanceIdentity {
  /** The instance name, from `Customer AI Scores - <name>`. */
  name: string
  /** The struct name under `CustomerAI` in the instance's score files, when it could be read. */
  key?: string
}

const customerAiPath = /\bCustomerAI\.([A-Za-z_]\w*)\b/g
const separator = /^\s*([-–—:|(/]|$)/

/** Letters and digits only, lower case, accents dropped: how a display name compares with a camel-cased key. */
export function fold(value: string): string {
  return value.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()
}

/** The instance keys a PQL rule reads, in order of appearance, without repeats. */
export function customerAiKeys(expression: string | undefined): string[] {
  if (!expression) return []
  return [...new Set([...expression.matchAll(customerAiPath)].map((match) => match[1] ?? ''))].filter(Boolean)
}

function namedAfter(segmentName: string, instanceName: string): boolean {
  const name = segmentName.trim().toLowerCase()
  const instance = instanceName.trim().toLowerCase()
  return instance !== '' && name.startsWith(instance) && separator.test(name.slice(instance.length))
}

export function segmentBelongsTo(segment: SegmentLike, instance: InstanceIdentity): boolean {
  const keys = customerAiKeys(segment.expression)
  if (keys.length === 0) return namedAfter(segment.name, instance.name)
  const folded = fold(instance.name)
  return keys.some((key) => key === instance.key || (folded !== '' && fold(key) === folded))
}

/** The instance's segments, sorted by name. */
export function segmentsOfInstance<Segment extends SegmentLike>(segments: Segment[], instance: InstanceIdentity): Segment[] {
  return segments.filter((segment) => segmentBelongsTo(segment, instance)).sort((a, b) => a.name.localeCompare(b.name))
}
