import { z } from 'zod'
import { privateJson, withUser } from '@/lib/http/handler'
import { sandboxName } from '@/lib/http/ids'
import { listInstances } from '@/lib/instances/list'

export const dynamic = 'force-dynamic'

export const GET = withUser(z.object({ sandbox: sandboxName }), async ({ params }) =>
  privateJson({ instances: await listInstances(params.sandbox) }),
)
