import { z } from 'zod'
import { batchId, sandboxName } from '@/lib/http/ids'
import { DEFAULT_TOP_N, MAX_TOP_N } from '@/lib/insights/schema'

export const paramsSchema = z.object({ sandbox: sandboxName, batchId })

export const querySchema = z.object({
  /** How many of the top profiles to send. */
  top: z.coerce.number().int().min(1).max(MAX_TOP_N).default(DEFAULT_TOP_N),
  /** `1` starts a failed computation again. */
  retry: z.enum(['1']).optional(),
})
