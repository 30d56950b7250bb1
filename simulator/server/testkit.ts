// Helpers for the simulator's own tests: start it on a free port, get a token, call the Platform like a client.
import { mkdir, rmdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { loadOrGenerateWorld } from '../data/index'
import { createSimulator, type Simulator } from './index'

export const DATA_DIR = '.data/simulator'
export const ORG_ID = '0123456789ABCDEF01234567@AdobeOrg'
export const API_KEY = 'score-explorer-demo'

/**
 * Test files run in parallel processes; the generator's cache guards only within one process, so the first
 * generation is serialised with a lock directory.
 */
async function ensureWorld(): Promise<void> {
  await mkdir(DATA_DIR, { recursive: true })
  const lock = join(DATA_DIR, '.server-tests.lock')
  const deadline = Date.now() + 10 * 60_000
  for (;;) {
    try {
      await mkdir(lock)
      break
    } catch {
      const info = await stat(lock).catch(() => undefined)
      // A lock left by a killed run is stale after ten minutes.
      if (info && Date.now() - info.mtimeMs > 10 * 60_000) await rmdir(lock).catch(() => undefined)
      if (Date.now() > deadline) throw new Error('timed out waiting for the world generation lock')
      await sleep(250)
    }
  }
  try {
    await loadOrGenerateWorld({ dataDir: DATA_DIR })
  } finally {
    await rmdir(lock).catch(() => undefined)
  }
}

export async function startSimulator(): Promise<Simulator> {
  await ensureWorld()
  return createSimulator({ port: 0, dataDir: DATA_DIR })
}

export async function getToken(base: string): Promise<string> {
  const res = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: API_KEY, client_secret: 'demo-secret', grant_type: 'client_credentials', scope: 'openid,AdobeID,read_organizations' }),
  })
  if (!res.ok) throw new Error(`token request failed: ${res.status}`)
  const body = (await res.json()) as { access_token: string }
  return body.access_token
}

export function platformHeaders(token: string, sandbox?: string): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    'x-api-key': API_KEY,
    'x-gw-ims-org-id': ORG_ID,
    ...(sandbox ? { 'x-sandbox-name': sandbox } : {}),
  }
}

/** A Platform call with the gateway headers; returns the status and the parsed JSON body. */
export async function callJson<T = unknown>(
  base: string,
  token: string,
  path: string,
  init: { method?: string; sandbox?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...platformHeaders(token, init.sandbox),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T }
}
