// Sandboxes, datasets and segments: the records around the score runs.
import type { DatasetRecord, InstanceRecord, SandboxRecord, SegmentRecord } from '../model'
import { hex, uuid } from './ids'
import { Rng } from './prng'
import { REGION, TENANT, type InstanceSpec } from './spec'

const DAY = 86_400_000

/** The Sandbox API's date format: `YYYY-MM-DD HH:mm:ss`, UTC. */
export function sandboxDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

export function sandboxes(now: number): SandboxRecord[] {
  return [
    {
      name: 'prod',
      title: 'Production',
      type: 'production',
      isDefault: true,
      state: 'active',
      region: REGION,
      createdDate: sandboxDate(now - 900 * DAY),
      lastModifiedDate: sandboxDate(now - 120 * DAY),
    },
    {
      name: 'dev',
      title: 'Development',
      type: 'development',
      isDefault: false,
      state: 'active',
      region: REGION,
      createdDate: sandboxDate(now - 400 * DAY),
      lastModifiedDate: sandboxDate(now - 30 * DAY),
    },
  ]
}

const snake = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')

export function datasetRecord(opts: {
  seed: string
  sandbox: string
  name: string
  description: string
  table: string
  profileEnabled: boolean
  created: number
  updated: number
  instance?: InstanceRecord
  /** An existing XDM schema; a schema of the dataset's own otherwise. */
  schemaId?: string
}): DatasetRecord {
  const rng = new Rng(`${opts.seed}:dataset:${opts.sandbox}:${opts.name}`)
  const tags: Record<string, string[]> = { 'adobe/pqs/table': [opts.table] }
  if (opts.profileEnabled) tags.unifiedProfile = ['enabled:true']
  return {
    sandbox: opts.sandbox,
    id: hex(rng, 24),
    name: opts.name,
    description: opts.description,
    created: opts.created,
    updated: opts.updated,
    viewId: hex(rng, 24),
    schemaRef: {
      id: opts.schemaId ?? `https://ns.adobe.com/${TENANT.slice(1)}/schemas/${hex(rng, 32)}`,
      contentType: 'application/vnd.adobe.xed+json;version=1',
    },
    tags,
    profileEnabled: opts.profileEnabled,
    ...(opts.instance ? { instance: opts.instance } : {}),
  }
}

export function instanceDataset(seed: string, spec: InstanceSpec, created: number, updated: number): DatasetRecord {
  return datasetRecord({
    seed,
    sandbox: spec.sandbox,
    name: `Customer AI Scores - ${spec.name}`,
    description: `Customer AI output for the instance "${spec.name}".`,
    table: `customer_ai_scores_${snake(spec.name)}`,
    profileEnabled: spec.profileEnabled,
    created,
    updated,
    instance: {
      name: spec.name,
      key: spec.key,
      propensityType: spec.propensityType,
      frequency: spec.frequency,
      description: spec.description,
    },
  })
}

/** The score-bucket segments Adobe's "Create segment" makes (aep-api.md §3.3 buckets), plus one that fails. */
export function segmentsFor(seed: string, spec: InstanceSpec, dataset: DatasetRecord): SegmentRecord[] {
  const rng = new Rng(`${seed}:segments:${spec.sandbox}:${spec.key}`)
  const field = `${TENANT}.CustomerAI.${spec.key}.score`
  const rules: { label: string; expression: string; description: string; failsOnExport?: boolean }[] = [
    { label: 'High propensity', expression: `${field} > 74`, description: 'Profiles scoring above 74.' },
    {
      label: 'Medium propensity',
      expression: `${field} >= 25 and ${field} <= 74`,
      description: 'Profiles scoring 25 to 74.',
    },
    { label: 'Low propensity', expression: `${field} < 24`, description: 'Profiles scoring below 24.' },
  ]
  if (spec.key === 'churnPrediction') {
    rules.push({
      label: 'Broken export',
      expression: `${field} > 90`,
      description: 'Exports of this segment fail (the simulator’s failing case).',
      failsOnExport: true,
    })
  }
  return rules.map((rule) => {
    // Someone builds the segments in the days after the instance's first scores land.
    const created = dataset.created + (3 + rng.int(8)) * DAY + rng.int(DAY)
    return {
      sandbox: spec.sandbox,
      id: uuid(rng),
      name: `${spec.name} – ${rule.label}`,
      description: rule.description,
      expression: rule.expression,
      datasetId: dataset.id,
      created,
      updated: created + rng.int(2 * DAY),
      ...(rule.failsOnExport ? { failsOnExport: true } : {}),
    }
  })
}
