// The simulator's test-only endpoints (simulator/README.md, "Faults and introspection"), for a simulator at any
// address: the bench runs its own, e2e tests use theirs. Only loopback.
import { assertLoopback } from './load'

import type { LoggedRequest } from '../../simulator/server/request-log'

export type { LoggedRequest }

export function simulatorAdmin(baseUrl: string) {
  assertLoopback(baseUrl)
  const admin = `${baseUrl}/__simulator`

  async function requests(): Promise<LoggedRequest[]> {
    const response = await fetch(`${admin}/requests`)
    return ((await response.json()) as { requests: LoggedRequest[] }).requests
  }

  return {
    requests,
    async clearRequests(): Promise<void> {
      await fetch(`${admin}/requests`, { method: 'DELETE' })
    },
    async setFaults(rules: unknown[]): Promise<void> {
      const response = await fetch(`${admin}/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
      })
      if (!response.ok) throw new Error(`fault rules refused: ${response.status} ${await response.text()}`)
    },
    async clearFaults(): Promise<void> {
      await fetch(`${admin}/faults`, { method: 'DELETE' })
    },
    /**
     * Counts upstream calls from now on, even past the log's 5,000-entry window: the log numbers requests with a
     * running `seq`, so the count is the newest seq minus the seq of a marker request sent now. (The marker is an
     * unauthenticated call the gateway refuses at once; it is not counted.)
     */
    async startCounting(): Promise<{ count: (prefix?: string) => Promise<{ calls: number; recent: LoggedRequest[] }> }> {
      await fetch(`${baseUrl}/data/foundation/sandbox-management/?bench-marker=1`).then((response) => response.arrayBuffer())
      const marker = (await requests()).findLast((entry) => entry.path.includes('bench-marker=1'))
      if (!marker) throw new Error('the simulator did not log the marker request')
      return {
        /**
         * Calls since the marker; with `prefix`, only those whose path starts with it (so background work on other
         * paths is left out), which needs every entry still in the log: past the window it counts them all.
         */
        async count(prefix) {
          const recent = (await requests()).filter((entry) => entry.seq > marker.seq)
          const total = (recent.at(-1)?.seq ?? marker.seq) - marker.seq
          const complete = recent.length === total
          const calls = prefix !== undefined && complete ? recent.filter((entry) => entry.path.startsWith(prefix)).length : total
          return { calls, recent }
        },
      }
    },
  }
}

export type SimulatorAdmin = ReturnType<typeof simulatorAdmin>
