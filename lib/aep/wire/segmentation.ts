import 'server-only'
import { z } from 'zod'
import { codeString, numeric } from './shared'

// Segmentation and Profile export (aep-api.md §4). Export job ids are integers; the destination's dataset key is
// spelled both `datasetId` and `dataSetId` in Adobe's own docs.

export const wireSegment = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  expression: z.looseObject({ value: z.string().nullish() }).nullish(),
  creationTime: numeric.nullish(),
  updateTime: numeric.nullish(),
})

export const wireSegmentPage = z.looseObject({
  segments: z.array(wireSegment).nullish(),
  page: z.looseObject({ totalCount: numeric.nullish() }).nullish(),
})

const exportJobStatus = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['NEW', 'PROCESSING', 'SUCCEEDED', 'FAILED']))

export const wireExportJob = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  status: exportJobStatus,
  filter: z.looseObject({ segments: z.array(z.looseObject({ segmentId: z.string() })).nullish() }).nullish(),
  destination: z
    .looseObject({
      datasetId: z.string().nullish(),
      dataSetId: z.string().nullish(),
      batchId: z.string().nullish(),
      batches: z.array(z.looseObject({ batchId: z.string().nullish() })).nullish(),
    })
    .nullish(),
  errors: z
    .array(z.looseObject({ code: codeString.nullish(), msg: z.string().nullish(), message: z.string().nullish() }))
    .nullish(),
  creationTime: numeric.nullish(),
  updateTime: numeric.nullish(),
})

/** `GET /export/jobs`: `{records, page, link: {next: "/export/jobs/?limit=2&offset=<cursor>"}}`. */
export const wireExportJobPage = z.looseObject({
  records: z.array(wireExportJob).nullish(),
  link: z.looseObject({ next: z.string().nullish() }).nullish(),
})

export type WireSegment = z.infer<typeof wireSegment>
export type WireExportJob = z.infer<typeof wireExportJob>
