// The shape of a run's insights, as stored in run_insights.result_json and sent to the browser. Written as zod
// schemas because the stored JSON is read back through them (a row written by an older build, or edited by hand,
// must fail loudly rather than be misread); the TypeScript types are inferred from them. Browser code imports the
// types only.
import { z } from 'zod'

/** Bumped whenever the computation or this shape changes: stored results of another version are recomputed. */
export const INSIGHTS_VERSION = 1

/** The top list is computed once for the largest N a person may ask for; smaller N are slices of it. */
export const MAX_TOP_N = 1000
export const DEFAULT_TOP_N = 100

const count = z.number().int().nonnegative()
/** Counts by score cell (see cells.ts), sparse: only cells that hold something. */
const sparseCells = z.record(z.string().regex(/^\d{1,3}$/), count)

export const topRowSchema = z.object({
  rank: z.number().int().positive(),
  dataSetFileId: z.string(),
  fileName: z.string(),
  /** Zero-based row of the profile in its file: the preview opens at it. */
  rowIndex: count,
  identity: z.string().optional(),
  identityNamespace: z.string().optional(),
  score: z.number(),
  probability: z.number().optional(),
  percentile: z.number().optional(),
  propensityType: z.string().optional(),
  factors: z.array(z.object({ code: z.string(), value: z.string(), importance: z.string() })),
})

export const scoreSummarySchema = z.object({
  /** Profiles with a score. */
  count,
  /** Rows whose score is missing (null or not a number): in no cell. */
  missing: count,
  /** Counts per score cell, all 202 of them. */
  cells: z.array(count),
  mean: z.number().nullable(),
  /** Within 0.01 of the exact median (interpolated in bins of 0.01 points). */
  median: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
})

export const factorCountSchema = z.object({
  code: z.string(),
  importance: z.string(),
  /** Occurrences of this (code, importance) by the score cell of the profile that carries it. */
  cells: sparseCells,
})

export const comparisonSchema = z.object({
  previousBatchId: z.string(),
  previousCreated: z.number(),
  previous: scoreSummarySchema,
  /** Profiles in both runs, joined on their ECID. */
  matched: count,
  /** [previous cell, current cell, profiles], for every pair that holds any. */
  pairs: z.array(z.tuple([count, count, count])),
  /** Profiles of this run absent from the previous one, by their current cell. */
  added: sparseCells,
  /** Profiles of the previous run absent from this one, by their previous cell. */
  dropped: sparseCells,
  /** Rows without an ECID, which cannot be joined: [this run, previous run]. */
  withoutIdentity: z.tuple([count, count]),
})

export const readingSchema = z.object({
  files: count,
  /** Bytes of the run's files (and the previous run's, when compared). */
  bytesInFiles: count,
  bytesRead: count,
  /** Pages of the score leaf read, and skipped thanks to their statistics, while finding the top profiles. */
  topPagesRead: count,
  topPagesSkipped: count,
  durationMs: z.number().nonnegative(),
})

export const insightsResultSchema = z.object({
  version: z.literal(INSIGHTS_VERSION),
  batchId: z.string(),
  computedAt: z.number(),
  /** Read off the score rows themselves (Adobe has no instance API). */
  propensityType: z.enum(['churn', 'conversion']).optional(),
  scoreField: z.string(),
  /** How many top rows exist (at most MAX_TOP_N); `top` may hold fewer when sliced for a response. */
  topAvailable: count,
  top: z.array(topRowSchema),
  scores: scoreSummarySchema,
  factors: z.array(factorCountSchema),
  comparison: comparisonSchema.optional(),
  /** Why there is no comparison, when there is none. */
  comparisonNote: z.string().optional(),
  reading: readingSchema,
})

export const progressSchema = z.object({
  phase: z.enum(['starting', 'footers', 'top', 'scores', 'previous', 'saving']),
  filesDone: count,
  filesTotal: count,
  bytesRead: count,
  /** What the computation expects to read, known once the footers are in; 0 before. */
  bytesTotal: count,
})

export type TopRow = z.infer<typeof topRowSchema>
export type ScoreSummary = z.infer<typeof scoreSummarySchema>
export type FactorCount = z.infer<typeof factorCountSchema>
export type Comparison = z.infer<typeof comparisonSchema>
export type InsightsResult = z.infer<typeof insightsResultSchema>
export type InsightsProgress = z.infer<typeof progressSchema>

/** What GET /api/sandboxes/{sandbox}/batches/{batchId}/insights answers. */
export type InsightsState =
  | { status: 'unavailable'; reason: 'not-finished' | 'failed-run' | 'no-files'; message: string }
  /** `top` comes as soon as it is known, long before the rest (from this process's job only). */
  | { status: 'computing'; progress: InsightsProgress; top?: TopRow[]; propensityType?: InsightsResult['propensityType'] }
  | { status: 'failed'; message: string; failedAt: number }
  | { status: 'done'; result: InsightsResult }
