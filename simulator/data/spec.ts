// The fixed shape of the simulated organisation: who the instances are, how often they run, how each run ended
// and how big each run is. The world plan (world.ts) turns this into records with ids and times drawn from the seed.
import type { BatchStatus, PropensityType, Scale } from '../model'
import type { BatchIdForm } from './ids'

export const ORG_ID = '0123456789ABCDEF01234567@AdobeOrg'
export const TENANT = '_acmeinc'
export const REGION = 'VA7'

/** "Now" for the default seed; other seeds move it by up to three days so that times stay deterministic. */
export const BASE_EPOCH = Date.UTC(2026, 10, 30, 6, 0, 0)

export interface RunSpec {
  status: Extract<BatchStatus, 'success' | 'failure' | 'processing'>
  /** Eligible profile-index range of the run (the population grows); only read for successful runs. */
  size: number
  /** Relative sizes of the run's part files. */
  parts: number[]
  /** Minimum rows of part 0, checked when the plan is built (the 16 MB file the benchmarks need). */
  minFirstPart?: number
  errors?: { code: string; description: string }[]
}

export interface InstanceSpec {
  sandbox: string
  name: string
  key: string
  propensityType: PropensityType
  frequency: 'weekly' | 'monthly'
  description: string
  profileEnabled: boolean
  /** Batch id forms, cycled run by run: Adobe uses all three. */
  idForms: BatchIdForm[]
  /** Newest run's age, hours before "now". */
  lastRunHoursAgo: number
  leaveRate: number
  runs: RunSpec[]
}

const ok = (size: number, parts: number[], minFirstPart?: number): RunSpec => ({
  status: 'success',
  size,
  parts,
  minFirstPart,
})
const failed = (code: string, description: string): RunSpec => ({
  status: 'failure',
  size: 0,
  parts: [],
  errors: [{ code, description }],
})
const processing: RunSpec = { status: 'processing', size: 0, parts: [] }
const even = (n: number): number[] => Array.from({ length: n }, () => 1)

const NO_SCORING_DATA = 'NO SCORING DATA: no profiles had qualifying events in the scoring window.'
const NOT_ENOUGH_POPULATION =
  'NOT ENOUGH POPULATION: fewer than the required number of eligible profiles were found for training.'

/** `shrink` divides every run's size (tests use a small world); `scale` 'seed' enlarges one run to ~64 × 16 MB. */
export function instanceSpecs(scale: Scale, shrink = 1): InstanceSpec[] {
  const n = (size: number): number => Math.max(200, Math.round(size / shrink))
  const latestChurn =
    scale === 'seed' ? ok(n(64 * 300_000 * 1.11), even(64), 300_000 / shrink) : ok(n(354_000), [0.94, 0.03, 0.03], 300_000 / shrink)
  return [
    {
      sandbox: 'prod',
      name: 'Churn Prediction',
      key: 'churnPrediction',
      propensityType: 'churn',
      frequency: 'weekly',
      description: 'Weekly churn propensity for all known online customers.',
      profileEnabled: true,
      idForms: ['ulid'],
      lastRunHoursAgo: 3,
      leaveRate: 0.015,
      runs: [
        // Older runs are kept small so that the demo world generates in seconds; the last two are full size
        // and share most of their profiles, so that they can be compared.
        ok(n(18_000), [1, 1]),
        ok(n(19_000), [1, 1]),
        failed('405', NO_SCORING_DATA),
        ok(n(20_000), [1, 1]),
        ok(n(345_000), [0.5, 0.5]),
        latestChurn,
        processing,
      ],
    },
    {
      sandbox: 'prod',
      name: 'Purchase Conversion',
      key: 'purchaseConversion',
      propensityType: 'conversion',
      frequency: 'weekly',
      description: 'Likelihood to purchase within 30 days, for visitors active in the last 90 days.',
      profileEnabled: true,
      idForms: ['hex32'],
      lastRunHoursAgo: 74,
      leaveRate: 0.02,
      runs: [
        // Parts of 10,000 to 30,000 rows, three or four a run.
        ok(n(33_000), even(3)),
        ok(n(34_000), even(3)),
        ok(n(44_000), even(4)),
        failed('405', NO_SCORING_DATA),
        ok(n(46_000), even(4)),
        ok(n(48_000), even(4)),
      ],
    },
    {
      sandbox: 'prod',
      name: 'Loyalty Churn Risk',
      key: 'loyaltyChurnRisk',
      propensityType: 'churn',
      frequency: 'monthly',
      description: 'Monthly churn risk for loyalty-programme members.',
      profileEnabled: false,
      idForms: ['uuid'],
      lastRunHoursAgo: 130,
      leaveRate: 0.03,
      runs: [
        ok(n(8_000), even(2)),
        ok(n(8_400), even(2)),
        ok(n(8_800), even(2)),
        ok(n(9_200), even(2)),
        ok(n(9_600), even(2)),
        failed('401', NOT_ENOUGH_POPULATION),
      ],
    },
    {
      sandbox: 'dev',
      name: 'Churn Pilot',
      key: 'churnPilot',
      propensityType: 'churn',
      frequency: 'weekly',
      description: 'Pilot of the churn model on a development copy of the profile store.',
      profileEnabled: true,
      idForms: ['uuid', 'ulid', 'hex32'],
      lastRunHoursAgo: 28,
      leaveRate: 0.01,
      runs: [ok(n(7_000), even(4)), failed('405', NO_SCORING_DATA), ok(n(8_000), even(4)), ok(n(32_000), even(120))],
    },
  ]
}

/** Datasets that are not Customer AI output, so that name filters have something to filter out. */
/** The schema segment exports write (aep-api.md §4.1). */
export const PROFILE_UNION_SCHEMA = 'https://ns.adobe.com/xdm/context/profile__union'

export const OTHER_DATASETS: { sandbox: string; name: string; description: string; table: string; profileEnabled: boolean; schemaId?: string }[] = [
  { sandbox: 'prod', name: 'Web Events', description: 'Adobe Web SDK events from acme.example.', table: 'web_events', profileEnabled: false },
  {
    sandbox: 'prod',
    name: 'Retention Team Profile Exports',
    description: 'Where the retention team exports its segments (on the Profile union schema, with no batches yet).',
    table: 'retention_team_profile_exports',
    profileEnabled: false,
    schemaId: PROFILE_UNION_SCHEMA,
  },
  { sandbox: 'prod', name: 'CRM Customers', description: 'Nightly CRM export of customer records.', table: 'crm_customers', profileEnabled: true },
  { sandbox: 'dev', name: 'Web Events (dev)', description: 'Web SDK events from the staging site.', table: 'web_events_dev', profileEnabled: false },
]
