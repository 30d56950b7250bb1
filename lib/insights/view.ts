// What a response carries: the state, with the top list cut to the N a person asked for (the stored list holds
// MAX_TOP_N; sending a thousand rows to show a hundred would be waste). Pure.
import type { InsightsState } from './schema'

export function withTopN(state: InsightsState, n: number): InsightsState {
  if (state.status === 'done') return { ...state, result: { ...state.result, top: state.result.top.slice(0, n) } }
  if (state.status === 'computing' && state.top) return { ...state, top: state.top.slice(0, n) }
  return state
}
