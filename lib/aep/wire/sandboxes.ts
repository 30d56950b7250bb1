import 'server-only'
import { z } from 'zod'

/** `GET /data/foundation/sandbox-management/`: the sandboxes available to the credential (aep-api.md §5). */
export const wireSandbox = z.looseObject({
  name: z.string().min(1),
  title: z.string().nullish(),
  type: z.string().nullish(),
  isDefault: z.boolean().nullish(),
  state: z.string().nullish(),
})

export const wireSandboxList = z.looseObject({ sandboxes: z.array(wireSandbox) })

export type WireSandbox = z.infer<typeof wireSandbox>
