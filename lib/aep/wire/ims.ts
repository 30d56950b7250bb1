import 'server-only'
import { z } from 'zod'
import { numeric } from './shared'

/** `POST /ims/token/v3` (client_credentials). `expires_in` is in seconds (about 24 h). */
export const wireImsToken = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: numeric.pipe(z.number().positive()),
})

