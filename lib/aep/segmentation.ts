import 'server-only'
import type { PlatformHttp } from './http'
import { pagesByCursor, pagesByOffset } from './paging'
import { apiPath } from './paths'
import { reshapeExportJob, reshapeSegment } from './reshape/segmentation'
import type { CallOptions, CreateExportJobInput, ExportJob, Segment } from './types'
import { wireExportJob, wireExportJobPage, wireSegmentPage } from './wire/segmentation'

// Segmentation and Profile export (aep-api.md §4): the second path of Adobe's guide, exporting a Customer AI
// segment's profiles into a dataset and browsing the batch the export wrote.

export interface SegmentationApi {
  listSegments(sandbox: string, options?: CallOptions): Promise<Segment[]>
  /** Starts an export of the segment's realized and existing profiles into the dataset. Never retried (POST). */
  createExportJob(sandbox: string, input: CreateExportJobInput, options?: CallOptions): Promise<ExportJob>
  getExportJob(sandbox: string, exportJobId: string, options?: CallOptions): Promise<ExportJob>
  /** Every export job of the sandbox, newest first as Adobe sorts them (all pages). */
  listExportJobs(sandbox: string, options?: CallOptions): Promise<ExportJob[]>
}

const pageLimit = 100

export function createSegmentationApi(http: PlatformHttp, limits: { maxPages: number }): SegmentationApi {
  return {
    async listSegments(sandbox, options = {}) {
      const entries = await pagesByOffset('segment', pageLimit, limits.maxPages, async (start) => {
        const page = await http.json(
          {
            method: 'GET',
            target: apiPath`/data/core/ups/segment/definitions`,
            query: { limit: pageLimit, start },
            sandbox,
            what: 'segment list',
            surface: 'aep',
            signal: options.signal,
          },
          wireSegmentPage,
        )
        return (page.segments ?? []).map((segment) => [segment.id, segment] as [string, typeof segment])
      })
      return entries.map(([, wire]) => reshapeSegment(wire))
    },

    async createExportJob(sandbox, input, options = {}) {
      const job = await http.json(
        {
          method: 'POST',
          target: apiPath`/data/core/ups/export/jobs`,
          sandbox,
          what: 'export job',
          surface: 'aep',
          signal: options.signal,
          body: {
            filter: { segments: [{ segmentId: input.segmentId, segmentNs: 'ups', status: ['realized', 'existing'] }] },
            destination: { datasetId: input.datasetId, segmentPerBatch: false },
            schema: { name: '_xdm.context.profile' },
          },
        },
        wireExportJob,
      )
      return reshapeExportJob(job)
    },

    async getExportJob(sandbox, exportJobId, options = {}) {
      const job = await http.json(
        {
          method: 'GET',
          target: apiPath`/data/core/ups/export/jobs/${exportJobId}`,
          sandbox,
          what: 'export job',
          surface: 'aep',
          signal: options.signal,
        },
        wireExportJob,
      )
      return reshapeExportJob(job)
    },

    async listExportJobs(sandbox, options = {}) {
      // `link.next` is a path relative to the Profile base (`/export/jobs/?limit=2&offset=<cursor>`). Only its opaque
      // `offset` cursor is taken; the request itself is built here like every other.
      const jobs = await pagesByCursor('export job', '', (cursor: string) => cursor, limits.maxPages, async (offset) => {
        const page = await http.json(
          {
            method: 'GET',
            target: apiPath`/data/core/ups/export/jobs`,
            query: { limit: pageLimit, offset: offset || undefined },
            sandbox,
            what: 'export job list',
            surface: 'aep',
            signal: options.signal,
          },
          wireExportJobPage,
        )
        return { items: page.records ?? [], next: offsetOf(page.link?.next) }
      })
      return jobs.map(reshapeExportJob)
    },
  }
}

function offsetOf(next: string | null | undefined): string | undefined {
  if (!next) return undefined
  try {
    return new URL(next, 'https://next.invalid/').searchParams.get('offset') || undefined
  } catch {
    return undefined
  }
}
