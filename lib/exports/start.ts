import 'server-only'
import type { Kysely } from 'kysely'
import { setTimeout as sleep } from 'node:timers/promises'
import { aep } from '@/lib/aep'
import type { SignedInUser } from '@/lib/auth/session'
import { type Database, database } from '@/lib/db'
import type { ExportJobRow } from '@/lib/db/schema'
import { AppError } from '@/lib/errors'
import type { CreateExportInput } from './request'
import { storedFieldsOf } from './status'
import { claimRequest, completeClaim, recordClaimDataset, releaseClaim, toSummary } from './store'
import { checkTargetDataset, profileUnionSchema } from './targets'
import type { ExportSummary } from './types'

// "Export to dataset": create the target dataset where needed, then the export job (aep-api.md §4.1, §4.3), exactly
// once per request key (store.ts explains the claim). The Adobe calls here get no abort signal on purpose: a person
// closing the tab must not cut a POST that may already have created something at Adobe and leave it unrecorded.

/** How long a repeat waits for the first request with its key to finish talking to Adobe. */
const waitForFirstMs = 30_000
const pollMs = 200

/**
 * Adobe's guide creates the target without Profile tags: the exported profiles are a copy for download, and a
 * Profile-enabled target would ingest them back into Profile.
 */
const targetProfileEnabled = false

export interface StartedExport {
  summary: ExportSummary
  /** True when the request key had already started this job (a double click, a retried POST). */
  repeated: boolean
}

export async function startExport(sandbox: string, user: SignedInUser, input: CreateExportInput): Promise<StartedExport> {
  const { db } = await database()
  const deadline = Date.now() + waitForFirstMs
  for (;;) {
    const claim = await claimRequest(db, {
      requestKey: input.requestKey,
      sandbox,
      segmentId: input.segmentId,
      createdBy: user.email,
      now: Date.now(),
    })
    if (claim.kind === 'job') return { summary: toSummary(sameRequest(claim.row, sandbox, input)), repeated: true }
    if (claim.kind === 'claimed') return { summary: await run(db, sandbox, user, input, claim.datasetId), repeated: false }
    if (Date.now() >= deadline) {
      throw new AppError('conflict:export', 'This export is still being started by an earlier request. It will appear under recent exports in a moment.')
    }
    await sleep(pollMs)
  }
}

/** A key names one export: reusing it for another segment or sandbox is a bug in the caller, said as such. */
function sameRequest(row: ExportJobRow, sandbox: string, input: CreateExportInput): ExportJobRow {
  if (row.sandbox !== sandbox || row.segment_id !== input.segmentId) {
    throw new AppError('conflict:export', 'This request key already started a different export. Reload the page and try again.')
  }
  return row
}

async function run(
  db: Kysely<Database>,
  sandbox: string,
  user: SignedInUser,
  input: CreateExportInput,
  earlierDatasetId: string | undefined,
): Promise<ExportSummary> {
  try {
    const client = aep()
    // The name shown later comes from Adobe, not from the browser.
    const segment = (await client.segmentation.listSegments(sandbox)).find((candidate) => candidate.id === input.segmentId)
    if (!segment) throw new AppError('not_found:export', `Sandbox ${sandbox} has no segment with id ${input.segmentId}.`)
    const datasetId = await targetOf(db, sandbox, user, input, segment.name, earlierDatasetId)
    const job = await client.segmentation.createExportJob(sandbox, { segmentId: segment.id, datasetId })
    const row = await completeClaim(
      db,
      input.requestKey,
      { id: job.id, segmentName: segment.name, datasetId, ...storedFieldsOf(job) },
      Date.now(),
    )
    return toSummary(row)
  } catch (error) {
    await releaseClaim(db, input.requestKey, Date.now()).catch((releaseError: unknown) =>
      console.error('[export] could not release a failed claim', releaseError),
    )
    throw error
  }
}

async function targetOf(
  db: Kysely<Database>,
  sandbox: string,
  user: SignedInUser,
  input: CreateExportInput,
  segmentName: string,
  earlierDatasetId: string | undefined,
): Promise<string> {
  if (input.target.kind === 'existing') return (await checkTargetDataset(sandbox, input.target.datasetId)).id
  // A retry of an attempt that created its dataset and then failed writes into that dataset, not a second one.
  if (earlierDatasetId) return earlierDatasetId
  const id = await aep().catalog.createDataset(sandbox, {
    name: input.target.name,
    description: `Profiles of segment “${segmentName}”, exported with Score Explorer by ${user.email}.`,
    schemaId: profileUnionSchema,
    profileEnabled: targetProfileEnabled,
  })
  await recordClaimDataset(db, input.requestKey, id)
  return id
}
