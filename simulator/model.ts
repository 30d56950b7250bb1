// The simulator's world: what the data generator writes to `<dataDir>/manifest.json` and what the server
// serves. These are the simulator's own records, not Adobe's wire shapes: the server turns them into
// Catalog, Data Access, Sandbox and Segmentation answers (see ../shared/aep-api.md).
// Nothing in app/ or lib/ imports this file.

export type Scale = 'demo' | 'seed'

export type PropensityType = 'churn' | 'conversion'

export interface World {
  /** Generator version + seed + scale: a cache written by another generator version is rebuilt. */
  cacheKey: string
  seed: string
  scale: Scale
  orgId: string
  /** Tenant namespace field, with its leading underscore, e.g. `_acmeinc`. */
  tenant: string
  sandboxes: SandboxRecord[]
  datasets: DatasetRecord[]
  batches: BatchRecord[]
  segments: SegmentRecord[]
}

export interface SandboxRecord {
  name: string
  title: string
  type: 'production' | 'development'
  isDefault: boolean
  state: 'active'
  region: string
  /** `YYYY-MM-DD HH:mm:ss`, as the Sandbox API writes dates. */
  createdDate: string
  lastModifiedDate: string
}

/** A Customer AI instance: the simulator keeps it on its output dataset, as Adobe exposes no instance API. */
export interface InstanceRecord {
  name: string
  /** The struct key under `_<tenant>.CustomerAI`, e.g. `churnPrediction`. */
  key: string
  propensityType: PropensityType
  frequency: 'weekly' | 'monthly'
  description: string
}

export interface DatasetRecord {
  sandbox: string
  /** 24 lower-case hex characters. */
  id: string
  name: string
  description: string
  created: number
  updated: number
  viewId: string
  schemaRef: { id: string; contentType: string }
  tags: Record<string, string[]>
  /** Enabled for Real-Time Customer Profile (the segment-export path needs it). */
  profileEnabled: boolean
  /** Set on `Customer AI Scores - <name>` datasets; absent on other datasets (e.g. export targets). */
  instance?: InstanceRecord
}

export type BatchStatus = 'success' | 'failure' | 'processing' | 'failed' | 'queued' | 'loading'

export interface BatchRecord {
  sandbox: string
  /** A ULID, a 32-hex string or a hyphenated UUID: Adobe uses all three. */
  id: string
  datasetId: string
  status: BatchStatus
  created: number
  started?: number
  completed?: number
  updated: number
  createdClient: string
  createdUser: string
  updatedUser: string
  externalId?: string
  version: string
  recordCount?: number
  size?: number
  /** Free-form, in the push-style keys of Adobe's download-scores guide. */
  metrics: Record<string, number>
  errors: { code: string; description: string; rows?: string[] }[]
  replay?: { predecessors: string[]; reason: string; predecessorListingType: 'IMMEDIATE' | 'ALL' }
  tags: Record<string, string[]>
  /** The file groups Data Access lists under `/export/batches/{id}/files`; empty unless the batch succeeded. */
  files: FileGroupRecord[]
}

/** One dataSetFileId: a directory of part files, as Customer AI output is laid out. */
export interface FileGroupRecord {
  /** `{batchId}-1` style. */
  dataSetFileId: string
  created: number
  parts: PartFileRecord[]
}

export interface PartFileRecord {
  /** `part-00000-tid-<19 digits>-<uuid>-<n>-1-c000.snappy.parquet` */
  name: string
  /** Path of the file relative to the data directory. */
  relPath: string
  /** Size in bytes. */
  length: number
  /** Rows in the file. */
  records: number
}

/** A segment definition built on an instance's score bucket (what "Create Segment" in Adobe's UI makes). */
export interface SegmentRecord {
  sandbox: string
  /** UUID. */
  id: string
  name: string
  description: string
  /** PQL, e.g. `_acmeinc.CustomerAI.churnPrediction.score >= 75`. */
  expression: string
  /** The instance's output dataset whose scores the rule reads. */
  datasetId: string
  created: number
  updated: number
  /** When true, export jobs for this segment end FAILED (the simulator's failing case). */
  failsOnExport?: boolean
}
