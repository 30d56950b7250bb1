// Domain types: what lib/aep hands to the rest of the app. Adobe's wire shapes stay in ./wire and never leave.
// Types only, no runtime code, so browser code may import them too. Times are epoch milliseconds.

/** Known values first; any other string Adobe may add still type-checks. */
type Open<Known extends string> = Known | (string & {})

export type SandboxType = Open<'production' | 'development'>
export type SandboxState = Open<'creating' | 'active' | 'deleting' | 'resetting' | 'deleted' | 'failed'>

export interface Sandbox {
  /** The value of `x-sandbox-name`, lower case, e.g. `prod`. */
  name: string
  title: string
  type: SandboxType
  isDefault: boolean
  state: SandboxState
}

export interface Dataset {
  id: string
  name: string
  description?: string
  /** Set when the name has the form `Customer AI Scores - <instance>`. */
  instanceName?: string
  created: number
  updated: number
  lastBatchId?: string
  lastBatchStatus?: BatchStatus
  /** Enabled for Real-Time Customer Profile (`tags.unifiedProfile` holds `enabled:true`); segment export needs it. */
  profileEnabled: boolean
  /** `schemaRef.id`, e.g. `https://ns.adobe.com/<tenant>/schemas/<hex>`. */
  schemaId?: string
  tags: Record<string, string[]>
}

/** The output dataset of one Customer AI instance. */
export interface ScoreDataset extends Dataset {
  instanceName: string
}

export type BatchStatus = Open<
  | 'processing'
  | 'success'
  | 'failure'
  | 'queued'
  | 'retrying'
  | 'stalled'
  | 'aborted'
  | 'abandoned'
  | 'inactive'
  | 'failed'
  | 'loading'
  | 'loaded'
  | 'staged'
  | 'active'
  | 'staging'
  | 'deleted'
>

export interface Batch {
  id: string
  /** Where `id` came from: the Catalog map key, or (when the object carries no `id`) its `relatedObjects` batch entry. */
  idSource: 'key' | 'relatedObjects'
  datasetId?: string
  status: BatchStatus
  created: number
  started?: number
  completed?: number
  updated?: number
  /** `completed - started`, when Adobe gave both. */
  durationMs?: number
  /** `recordCount`, else the push-style `metrics.outputRecordCount`, else the ingestion-style `metrics.recordsWritten`. */
  recordCount?: number
  /** `failedRecordCount`, else `metrics.recordsFailed`. */
  failedRecordCount?: number
  /** Bytes: `size`, else `metrics.outputByteSize`. */
  size?: number
  errors: { code: string; description: string }[]
  /** Runs this one replaced (`replay.predecessors`), e.g. the previous week's scores. */
  predecessors: string[]
  replayReason?: string
  createdClient?: string
  /** Adobe's free-form metrics, numeric entries only; keys differ between ingestion and push batches. */
  metrics: Record<string, number>
}

/** One entry of a batch's Data Access listing: usually a directory of part files. */
export interface BatchFile {
  dataSetFileId: string
  created: number
  records?: number
  size?: number
}

/** One downloadable file (e.g. a parquet part) inside a dataSetFile. Fetch it with `(dataSetFileId, name)`. */
export interface PartFile {
  dataSetFileId: string
  name: string
  size: number
}

export interface FileHead {
  size: number
  contentType: string
  etag?: string
}

export interface OpenFileOptions {
  /** One range, already validated by the caller, e.g. `bytes=0-99`. Forwarded as `Range`. */
  range?: string
  /** Forwarded as `If-Range`, so a resumed download restarts cleanly when the file changed. */
  ifRange?: string
  /** Abort the upstream request, e.g. the route handler's `request.signal` when the browser goes away. */
  signal?: AbortSignal
}

/** Response headers from an allow-list: nothing else of Adobe's (no Set-Cookie) ever reaches the browser. */
export interface FileResponseHeaders {
  contentType: string
  contentRange?: string
  acceptRanges?: string
  etag?: string
  lastModified?: string
  contentLength?: string
}

export interface OpenedFile {
  /** Adobe's status, forwarded faithfully: a server that ignores `Range` answers 200 and that is what you get. */
  status: 200 | 206
  headers: FileResponseHeaders
  /** The whole file's size: Content-Length on 200, the Content-Range total on 206. */
  size?: number
  /**
   * The bytes. The stream **errors** (never ends normally) when Adobe breaks off mid-body, stalls longer than the
   * idle timeout, or sends fewer bytes than it announced. Pass it on as it is: a truncation must look like one.
   */
  body: ReadableStream<Uint8Array>
}

export interface Segment {
  id: string
  name: string
  description?: string
  /** The PQL rule, e.g. `_acme.CustomerAI.churn.score >= 75`. */
  expression?: string
  created?: number
  updated?: number
}

export type ExportJobStatus = 'NEW' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED'

export interface ExportJob {
  /** Adobe's integer id, as a string. */
  id: string
  status: ExportJobStatus
  segmentIds: string[]
  datasetId?: string
  /** The batch the export wrote (`destination.batchId`, or the first of `destination.batches`); browse it like a run. */
  batchId?: string
  errors: { code: string; message: string }[]
  created?: number
  updated?: number
}

export interface CreateDatasetInput {
  name: string
  description?: string
  /** An XDM schema id, e.g. `https://ns.adobe.com/xdm/context/profile__union`. */
  schemaId: string
  /** Tag it for Real-Time Customer Profile and Identity. */
  profileEnabled?: boolean
}

export interface ListBatchesQuery {
  datasetId: string
  status?: BatchStatus
  createdClient?: string
}

export interface LatestBatchQuery {
  /** Adobe's guide filters on `acp_foundation_push` (the Customer AI writer); export batches have another client. */
  createdClient?: string
}

export interface CreateExportJobInput {
  segmentId: string
  datasetId: string
}

/** Every call accepts the caller's signal: when the browser goes away, the upstream request stops too. */
export interface CallOptions {
  signal?: AbortSignal
}
