// The simulator's test-only endpoints: request log and fault rules (design.md, "Simulator faults, for tests").
import { simulatorUrl } from './env'

import type { LoggedRequest as RecordedRequest } from '../../simulator/server/request-log'

export type { RecordedRequest }

export async function clearRequestLog(): Promise<void> {
  await fetch(`${simulatorUrl}/__simulator/requests`, { method: 'DELETE' })
}

export async function requestLog(): Promise<RecordedRequest[]> {
  const response = await fetch(`${simulatorUrl}/__simulator/requests`)
  return ((await response.json()) as { requests: RecordedRequest[] }).requests
}

export async function setFaults(rules: unknown[]): Promise<void> {
  const response = await fetch(`${simulatorUrl}/__simulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  })
  if (!response.ok) throw new Error(`fault rules refused: ${response.status} ${await response.text()}`)
}

export async function clearFaults(): Promise<void> {
  await fetch(`${simulatorUrl}/__simulator/faults`, { method: 'DELETE' })
}
