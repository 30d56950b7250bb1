// Adobe's download-scores guide as real curl command lines: the blocks in simulator/README.md, run as written
// (only the port changes), so the documentation and the simulator cannot drift apart.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from './index'
import { DATA_DIR, startSimulator } from './testkit'

const run = promisify(execFile)
const README_URL = 'http://127.0.0.1:4010'
const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'])
    return true
  } catch {
    return false
  }
})()

let sim: Simulator
let workDir: string
let blocks: Map<string, string>

beforeAll(async () => {
  sim = await startSimulator()
  workDir = await mkdtemp(join(tmpdir(), 'sim-guide-'))
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
  blocks = new Map([...readme.matchAll(/<!-- guide:([\w-]+) -->\s*```sh\n([\s\S]*?)```/g)].map((m) => [m[1] ?? '', m[2] ?? '']))
})
afterAll(async () => {
  await sim.close()
  await rm(workDir, { recursive: true, force: true })
})

async function curl(step: string, env: Record<string, string> = {}): Promise<string> {
  const block = blocks.get(step)
  if (!block) throw new Error(`README has no guide:${step} block`)
  expect(block.trimStart().startsWith('curl ')).toBe(true)
  expect(block).toContain(README_URL)
  const { stdout } = await run('bash', ['-c', block.replaceAll(README_URL, sim.url)], { cwd: workDir, env: { ...process.env, ...env } })
  return stdout
}

describe.skipIf(!hasCurl)("Adobe's download-scores guide with curl", () => {
  it('token, latest successful batch, its files, the parts, the download', async () => {
    const token = JSON.parse(await curl('token')) as { access_token: string; token_type: string; expires_in: number }
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 86399 })
    const env: Record<string, string> = { ACCESS_TOKEN: token.access_token }

    for (const step of ['datasets', 'batches', 'batch-files', 'files', 'download']) {
      const block = blocks.get(step) ?? ''
      for (const header of ['Authorization: Bearer ${ACCESS_TOKEN}', 'x-api-key: ', 'x-gw-ims-org-id: ', 'x-sandbox-name: ']) expect(block).toContain(header)
    }

    const datasets = JSON.parse(await curl('datasets', env)) as Record<string, { name: string }>
    const expected = sim.world.datasets.filter((d) => d.sandbox === 'prod' && d.name.startsWith('Customer AI Scores'))
    expect(Object.keys(datasets).sort()).toEqual(expected.map((d) => d.id).sort())
    const dataset = expected.find((d) => sim.world.batches.some((b) => b.datasetId === d.id && b.status === 'success'))
    env.DATASET_ID = dataset?.id ?? ''

    const batches = JSON.parse(await curl('batches', env)) as Record<string, { status: string; createdClient: string }>
    const latest = sim.world.batches
      .filter((b) => b.datasetId === env.DATASET_ID && b.status === 'success' && b.createdClient === 'acp_foundation_push')
      .sort((a, b) => b.created - a.created)[0]
    expect(Object.keys(batches)).toEqual([latest?.id])
    env.BATCH_ID = latest?.id ?? ''

    const files = JSON.parse(await curl('batch-files', env)) as { data: { dataSetFileId: string }[]; _page: { count: number } }
    expect(files._page.count).toBe(latest?.files.length)
    env.DATASET_FILE_ID = files.data[0]?.dataSetFileId ?? ''

    const parts = JSON.parse(await curl('files', env)) as { data: { name: string; length: string }[] }
    const part = latest?.files[0]?.parts[0]
    expect(parts.data[0]).toMatchObject({ name: part?.name, length: String(part?.length) })
    env.FILE_NAME = parts.data[0]?.name ?? ''

    await curl('download', env)
    const downloaded = await readFile(join(workDir, env.FILE_NAME))
    expect(downloaded.equals(await readFile(join(DATA_DIR, part?.relPath ?? '')))).toBe(true)

    const log = (await (await fetch(`${sim.url}/__simulator/requests`)).json()) as { requests: { path: string; status: number; headers: Record<string, string> }[] }
    const byCurl = log.requests.filter((r) => r.headers['user-agent']?.startsWith('curl/'))
    expect(byCurl.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
  })
})
