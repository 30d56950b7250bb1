import 'server-only'
import { AppError } from '@/lib/errors'
import type { PlatformHttp } from './http'
import { pagesByOffset } from './paging'
import { apiPath, type QueryValue } from './paths'
import { reshapeBatch, reshapeDataset, scoreDatasetPrefix } from './reshape/catalog'
import type {
  Batch,
  CallOptions,
  CreateDatasetInput,
  Dataset,
  LatestBatchQuery,
  ListBatchesQuery,
  ScoreDataset,
} from './types'
import { wireBatchMap, wireCreatedRefs, wireDatasetMap } from './wire/catalog'

// Catalog Service (aep-api.md §1): datasets and batches, answered as id-keyed maps, paged with `start`/`limit`.

export interface CatalogApi {
  /** The output datasets of the sandbox's Customer AI instances (`Customer AI Scores - <instance>`), by instance name. */
  listScoreDatasets(sandbox: string, options?: CallOptions): Promise<ScoreDataset[]>
  getDataset(sandbox: string, datasetId: string, options?: CallOptions): Promise<Dataset>
  /**
   * The sandbox's datasets on one XDM schema, newest first. Catalog documents no filter on `schemaRef.id`, so every
   * page of the list is read with only the properties needed, and the schema is matched here.
   */
  listDatasetsOnSchema(sandbox: string, schemaId: string, options?: CallOptions): Promise<Dataset[]>
  /** Every batch of a dataset, newest first (all pages). */
  listBatches(sandbox: string, query: ListBatchesQuery, options?: CallOptions): Promise<Batch[]>
  /** The newest `success` batch, or undefined. Adobe's guide also filters on `createdClient=acp_foundation_push`: pass it to do the same. */
  latestSuccessfulBatch(sandbox: string, datasetId: string, query?: LatestBatchQuery, options?: CallOptions): Promise<Batch | undefined>
  getBatch(sandbox: string, batchId: string, options?: CallOptions): Promise<Batch>
  /** Creates a dataset (not retried: a POST may have landed even when its answer was lost) and returns its id. */
  createDataset(sandbox: string, input: CreateDatasetInput, options?: CallOptions): Promise<string>
}

const pageLimit = 100
const datasetProperties = 'name,description,schemaRef,tags,lastBatchId,lastBatchStatus,created,updated'
const xdmContentType = 'application/vnd.adobe.xed+json;version=1'

export function createCatalogApi(http: PlatformHttp, limits: { maxPages: number }): CatalogApi {
  const batchQuery = (sandbox: string, query: Record<string, QueryValue>, what: string, options: CallOptions) =>
    http.json(
      { method: 'GET', target: apiPath`/data/foundation/catalog/batches`, query, sandbox, what, surface: 'aep', signal: options.signal },
      wireBatchMap,
    )

  /** Every page of a dataset list. */
  async function listDatasets(sandbox: string, query: Record<string, QueryValue>, options: CallOptions): Promise<Dataset[]> {
    const entries = await pagesByOffset('dataset', pageLimit, limits.maxPages, async (start) =>
      Object.entries(
        await http.json(
          {
            method: 'GET',
            target: apiPath`/data/foundation/catalog/dataSets`,
            query: { ...query, limit: pageLimit, start },
            sandbox,
            what: 'dataset list',
            surface: 'aep',
            signal: options.signal,
          },
          wireDatasetMap,
        ),
      ),
    )
    return entries.map(([id, wire]) => reshapeDataset(id, wire))
  }

  return {
    async listScoreDatasets(sandbox, options = {}) {
      const datasets = await listDatasets(sandbox, { property: `name~^${scoreDatasetPrefix}`, properties: datasetProperties }, options)
      return datasets
        .filter((dataset): dataset is ScoreDataset => dataset.instanceName !== undefined)
        .sort((a, b) => a.instanceName.localeCompare(b.instanceName))
    },

    async listDatasetsOnSchema(sandbox, schemaId, options = {}) {
      const datasets = await listDatasets(sandbox, { properties: 'name,schemaRef,created', orderBy: 'desc:created' }, options)
      return datasets
        .filter((dataset) => dataset.schemaId === schemaId)
        .sort((a, b) => b.created - a.created)
    },

    async getDataset(sandbox, datasetId, options = {}) {
      const answer = await http.json(
        { method: 'GET', target: apiPath`/data/foundation/catalog/dataSets/${datasetId}`, sandbox, what: 'dataset', surface: 'aep', signal: options.signal },
        wireDatasetMap,
      )
      const [id, wire] = soleEntry(answer, datasetId, 'dataset', sandbox)
      return reshapeDataset(id, wire)
    },

    async listBatches(sandbox, query, options = {}) {
      const filters = { dataSet: query.datasetId, status: query.status, createdClient: query.createdClient }
      const entries = await pagesByOffset('batch', pageLimit, limits.maxPages, async (start) =>
        Object.entries(await batchQuery(sandbox, { ...filters, orderBy: 'desc:created', limit: pageLimit, start }, 'batch list', options)),
      )
      // Adobe sorts already; sorting again (stable) keeps "newest first" true even if a page boundary shifted.
      return entries.map(([key, wire]) => reshapeBatch(key, wire)).sort((a, b) => b.created - a.created)
    },

    async latestSuccessfulBatch(sandbox, datasetId, query = {}, options = {}) {
      const answer = await batchQuery(
        sandbox,
        { dataSet: datasetId, createdClient: query.createdClient, status: 'success', orderBy: 'desc:created', limit: 1 },
        'batch list',
        options,
      )
      const first = Object.entries(answer)[0]
      return first ? reshapeBatch(...first) : undefined
    },

    async getBatch(sandbox, batchId, options = {}) {
      const answer = await http.json(
        { method: 'GET', target: apiPath`/data/foundation/catalog/batches/${batchId}`, sandbox, what: 'batch', surface: 'aep', signal: options.signal },
        wireBatchMap,
      )
      return reshapeBatch(...soleEntry(answer, batchId, 'batch', sandbox))
    },

    async createDataset(sandbox, input, options = {}) {
      const refs = await http.json(
        {
          method: 'POST',
          target: apiPath`/data/foundation/catalog/dataSets`,
          sandbox,
          what: 'dataset',
          surface: 'aep',
          signal: options.signal,
          body: {
            name: input.name,
            ...(input.description === undefined ? {} : { description: input.description }),
            schemaRef: { id: input.schemaId, contentType: xdmContentType },
            fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
            ...(input.profileEnabled ? { tags: { unifiedProfile: ['enabled:true'], unifiedIdentity: ['enabled:true'] } } : {}),
          },
        },
        wireCreatedRefs,
      )
      const id = refs.map((ref) => /^@\/datasets\/([A-Za-z0-9_-]+)$/i.exec(ref)?.[1]).find((match) => match !== undefined)
      if (!id) {
        throw new AppError('upstream:aep', 'Adobe answered in an unexpected shape.', { detail: `dataset created as ${JSON.stringify(refs)}` })
      }
      return id
    },
  }
}

/** A single-object lookup still arrives as `{id: object}`; take the entry for `id` (or the only one). */
function soleEntry<T>(answer: Record<string, T>, id: string, what: string, sandbox: string): [string, T] {
  const entries = Object.entries(answer)
  const entry = entries.find(([key]) => key === id) ?? (entries.length === 1 ? entries[0] : undefined)
  if (!entry) throw new AppError('not_found:aep', `That ${what} does not exist in sandbox ${sandbox}.`, { detail: 'empty lookup answer' })
  return entry
}
