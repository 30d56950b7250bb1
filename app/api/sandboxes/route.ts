import { z } from 'zod'
import { aep } from '@/lib/aep'
import { privateJson, withUser } from '@/lib/http/handler'

export const dynamic = 'force-dynamic'

export const GET = withUser(z.object({}), async () => privateJson({ sandboxes: await aep().sandboxes.list() }))
