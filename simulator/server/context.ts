// What every /data handler receives: the request, its parsed URL, who is calling and the shared state.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CallerContext } from './gateway'
import type { SimulatorState } from './state'

export interface ApiContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** Origin for absolute links, as the client addressed us. */
  origin: string
  state: SimulatorState
  caller: CallerContext
}
