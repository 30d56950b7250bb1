// The body of "Export to dataset" (POST /api/sandboxes/{sandbox}/exports), shared by the route that parses it and
// the form that builds it. Ids only, never a URL (reliability.md §1.1). Browser-safe.
import { z } from 'zod'
import { datasetId } from '@/lib/http/ids'

/** Adobe's ids for segment definitions are UUIDs; accept any id-like token, nothing that could steer a path. */
export const segmentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/, 'That is not a segment id.')

/** Adobe's export job ids are integers. */
export const exportJobId = z.string().regex(/^\d{1,18}$/, 'An export job id is a whole number.')

/** Customer AI's own output datasets start with this; an export named so would pose as an instance in our list. */
const reservedPrefix = /^customer ai scores\s*-/i

export const datasetName = z
  .string()
  .trim()
  .min(1, 'Give the new dataset a name.')
  .max(200, 'A dataset name is at most 200 characters.')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A dataset name cannot contain control characters.')
  .refine((name) => !reservedPrefix.test(name), 'Names starting with "Customer AI Scores -" are kept for Customer AI’s own output.')

/** A fresh random key per export the person means to start; a double click or a retried POST repeats it. */
export const requestKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'The request key is malformed.')

export const createExportBody = z.object({
  segmentId,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new'), name: datasetName }),
    z.object({ kind: z.literal('existing'), datasetId }),
  ]),
  requestKey,
})

export type CreateExportRequest = z.input<typeof createExportBody>
export type CreateExportInput = z.output<typeof createExportBody>

/** What the name field starts with: the segment and the day, so a list of export datasets reads well. */
export function defaultDatasetName(segmentName: string, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10)
  const base = `Segment export – ${segmentName.trim()} – ${day}`
  return base.length <= 200 ? base : `${base.slice(0, 199)}…`
}
