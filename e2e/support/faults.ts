// Helpers of the fault suites (e2e/faults-*.e2e.ts): Adobe misbehaving, through the running app, as alice.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { type APIRequestContext, type Locator, type Page, expect } from '@playwright/test'
import { storageStateOf } from './env'
import { type RecordedRequest, clearFaults } from './simulator'

export const sandboxList = '/data/foundation/sandbox-management'
export const catalog = '/data/foundation/catalog'
export const imsToken = '/ims/token/v3'


/**
 * The circuit breaker is process-wide: after a storm it may stay open for its reset time (15 s). Wait until a
 * call gets through again, so the next test (or test file) starts from a healthy app.
 */
export async function untilAdobeAnswers(request: APIRequestContext): Promise<void> {
  // A connection error is one more "not yet" (the poll would otherwise end at the first thrown error).
  const status = () => request.get('/api/sandboxes').then((response) => response.status(), (error: Error) => error.message)
  await expect.poll(status, { timeout: 30_000, intervals: [500, 1000] }).toBe(200)
}

export const calls = (log: RecordedRequest[], prefix: string) => log.filter((entry) => entry.path.startsWith(prefix))

/** Our error panels and inline alerts (Next's route announcer is also role=alert, outside header and main). */
export const problems = (page: Page): Locator => page.locator('header [role="alert"], main [role="alert"]')

/** alice's cookies as one header, for clients outside the browser (curl, fetch). */
export function aliceCookie(): string {
  const state = JSON.parse(readFileSync(storageStateOf('alice'), 'utf8')) as { cookies: { name: string; value: string }[] }
  return state.cookies.map(({ name, value }) => `${name}=${value}`).join('; ')
}

export interface CurlOutcome {
  exitCode: number
  bytes: number
  elapsedMs: number
}

/** A plain `curl` download, the way a script would fetch the file: its exit code tells a cut transfer (18). */
export function curl(url: string): Promise<CurlOutcome> {
  const started = Date.now()
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '-o', '/dev/null', '-w', '%{size_download}', '--max-time', '60', '-H', `cookie: ${aliceCookie()}`, url],
      (error, stdout) => {
        const exitCode = error && typeof error.code === 'number' ? error.code : 0
        resolve({ exitCode, bytes: Number(stdout.trim() || 0), elapsedMs: Date.now() - started })
      },
    )
  })
}

export interface Part {
  dataSetFileId: string
  name: string
  size: number
}

export interface Run {
  datasetId: string
  batchId: string
  /** Largest first. */
  parts: Part[]
}

/** An instance's latest successful run in prod and its parts, read while Adobe is healthy. */
export async function latestRun(request: APIRequestContext, instanceName: string): Promise<Run> {
  const { instances } = (await (await request.get('/api/sandboxes/prod/instances')).json()) as {
    instances: { name: string; datasetId: string; latestSuccessfulRun?: { batchId: string } }[]
  }
  const instance = instances.find((candidate) => candidate.name === instanceName)
  const batchId = instance?.latestSuccessfulRun?.batchId
  if (!instance || !batchId) throw new Error(`${instanceName} has no successful run`)
  const { files } = (await (await request.get(`/api/sandboxes/prod/batches/${batchId}`)).json()) as { files: Part[] }
  if (!files[0]) throw new Error(`${instanceName}'s latest run lists no files`)
  return { datasetId: instance.datasetId, batchId, parts: [...files].sort((a, b) => b.size - a.size) }
}

export function largest(run: Run): Part {
  const part = run.parts[0]
  if (!part) throw new Error('no parts')
  return part
}

export const partPath = (part: Part) => `/data/foundation/export/files/${part.dataSetFileId}?path=`
export const downloadHref = (part: Part) =>
  `/api/sandboxes/prod/files/${encodeURIComponent(part.dataSetFileId)}?path=${encodeURIComponent(part.name)}&download=1`

/** A download manager resuming: Range plus If-Range with our ETag (the app forwards If-Range only from the browser). */
export const isBrowserResume = (entry: RecordedRequest) => entry.headers.range !== undefined && /^"/.test(entry.headers['if-range'] ?? '')

/** The run page, with the Download link of `part` ready to click. */
export async function downloadLink(page: Page, run: Run, part: Part): Promise<Locator> {
  await page.goto(`/sandboxes/prod/batches/${run.batchId}`)
  const link = page.getByTestId('file-row').filter({ hasText: part.name }).getByRole('link', { name: 'Download' })
  await expect(link).toBeVisible()
  return link
}

/** After each fault test: no rules left, and an app whose breaker lets calls through again. */
export async function healthyAgain(request: APIRequestContext): Promise<void> {
  await clearFaults()
  await untilAdobeAnswers(request)
}
