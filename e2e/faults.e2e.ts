import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { type APIRequestContext, type Locator, type Page, expect, test } from '@playwright/test'
import { fileBytesFromAdobe } from './support/adobe'
import { appUrl, storageStateOf } from './support/env'
import { type RecordedRequest, clearFaults, clearRequestLog, requestLog, setFaults } from './support/simulator'

// Adobe misbehaving, through the running app, as alice (reliability.md §4, T4.2/T4.3): what the person sees, how
// many calls reach Adobe, and that nothing false is shown. Fault rules are the simulator's (simulator/README.md).
// Timings asserted here are the adapter's own timeouts (lib/aep/options.ts: headers 15 s, body idle 30 s).

test.use({ storageState: storageStateOf('alice') })

const sandboxList = '/data/foundation/sandbox-management'
const catalog = '/data/foundation/catalog'
const imsToken = '/ims/token/v3'

test.afterEach(async ({ request }) => {
  await clearFaults()
  await untilAdobeAnswers(request)
})

/**
 * The circuit breaker is process-wide: after a storm it may stay open for its reset time (15 s). Wait until a
 * call gets through again, so the next test (or test file) starts from a healthy app.
 */
async function untilAdobeAnswers(request: APIRequestContext): Promise<void> {
  await expect
    .poll(async () => (await request.get('/api/sandboxes')).status(), { timeout: 30_000, intervals: [500, 1000] })
    .toBe(200)
}

const calls = (log: RecordedRequest[], prefix: string) => log.filter((entry) => entry.path.startsWith(prefix))

/** Our error panels and inline alerts (Next's route announcer is also role=alert, outside header and main). */
const problems = (page: Page): Locator => page.locator('header [role="alert"], main [role="alert"]')

/** alice's cookies as one header, for clients outside the browser (curl, fetch). */
function aliceCookie(): string {
  const state = JSON.parse(readFileSync(storageStateOf('alice'), 'utf8')) as { cookies: { name: string; value: string }[] }
  return state.cookies.map(({ name, value }) => `${name}=${value}`).join('; ')
}

interface CurlOutcome {
  exitCode: number
  bytes: number
  elapsedMs: number
}

/** A plain `curl` download, the way a script would fetch the file: its exit code tells a cut transfer (18). */
function curl(url: string): Promise<CurlOutcome> {
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

interface Part {
  dataSetFileId: string
  name: string
  size: number
}

interface Run {
  datasetId: string
  batchId: string
  /** Largest first. */
  parts: Part[]
}

/** An instance's latest successful run in prod and its parts, read while Adobe is healthy. */
async function latestRun(request: APIRequestContext, instanceName: string): Promise<Run> {
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

function largest(run: Run): Part {
  const part = run.parts[0]
  if (!part) throw new Error('no parts')
  return part
}

const partPath = (part: Part) => `/data/foundation/export/files/${part.dataSetFileId}?path=`
const downloadHref = (part: Part) =>
  `/api/sandboxes/prod/files/${encodeURIComponent(part.dataSetFileId)}?path=${encodeURIComponent(part.name)}&download=1`

/** A download manager resuming: Range plus If-Range with our ETag (the app forwards If-Range only from the browser). */
const isBrowserResume = (entry: RecordedRequest) => entry.headers.range !== undefined && /^"/.test(entry.headers['if-range'] ?? '')

/** The run page, with the Download link of `part` ready to click. */
async function downloadLink(page: Page, run: Run, part: Part): Promise<Locator> {
  await page.goto(`/sandboxes/prod/batches/${run.batchId}`)
  const link = page.getByTestId('file-row').filter({ hasText: part.name }).getByRole('link', { name: 'Download' })
  await expect(link).toBeVisible()
  return link
}

test.describe('429 with Retry-After', () => {
  test('a short storm is waited out as Adobe asks, and the page shows the real data', async ({ page }) => {
    await clearRequestLog()
    await setFaults([{ match: sandboxList, kind: 'status', status: 429, retryAfter: 2 }])
    const loading = page.goto('/sandboxes/prod')
    // The storm ends while the app sits out Adobe's second Retry-After: two 429s, then an answer.
    await expect
      .poll(async () => calls(await requestLog(), sandboxList).filter((entry) => entry.status === 429).length, { intervals: [100] })
      .toBe(2)
    await clearFaults()
    expect((await loading)?.status()).toBe(200)

    await expect(page.getByLabel('Sandbox').locator('option')).toHaveText([/\(prod\)$/, /\(dev\)$/])
    await expect(page.getByTestId('instance-row')).toHaveCount(3)
    await expect(problems(page)).toHaveCount(0)

    // The simulator also stamps each arrival (`at`, epoch ms), which e2e/support's type leaves out.
    const list = calls(await requestLog(), sandboxList) as (RecordedRequest & { at: number })[]
    expect(list.map((entry) => entry.status)).toEqual([429, 429, 200])
    // Retry-After: 2 was honoured both times.
    for (let i = 1; i < list.length; i++) expect((list[i]?.at ?? 0) - (list[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1_950)
  })

  test('a long Retry-After is passed on: the person reads when to try again, and the API says 429 after one call', async ({ page }) => {
    await setFaults([{ match: catalog, kind: 'status', status: 429, retryAfter: 120 }])
    await page.goto('/sandboxes/prod')
    await expect(problems(page).filter({ hasText: 'could not be listed' })).toContainText('Adobe is throttling requests; try again in 120 s.')
    // Nothing false: no rows, and not "no instances" either.
    await expect(page.getByTestId('instance-row')).toHaveCount(0)
    await expect(page.getByText(/No Customer AI instances/)).toHaveCount(0)

    await clearRequestLog()
    const api = await page.request.get('/api/sandboxes/prod/instances')
    expect(api.status()).toBe(429)
    expect(api.headers()['retry-after']).toBe('120')
    expect(await api.json()).toEqual({
      error: { code: 'rate_limited:aep', message: 'Adobe is throttling requests; try again in 120 s.', upstreamCode: '429050', retryAfter: 120 },
    })
    // 120 s is beyond what the adapter sits out (maxRetryAfterS 20): one call, no retry.
    expect(calls(await requestLog(), catalog).map((entry) => entry.status)).toEqual([429])
  })

  test('the server render asks Adobe once, not twice, when Adobe says to wait', async ({ request }) => {
    // Retrying at one layer only: the adapter decides, and react-query on the server must not retry on top.
    // (lib/query/get-query-client.ts tells "ours" from "network" with `AppError.is`, an instanceof check; in builds
    // where the bundler instantiates lib/errors twice, server prefetches were retried a second time, 1 s later.)
    await clearRequestLog()
    await setFaults([{ match: catalog, kind: 'status', status: 429, retryAfter: 120 }])
    expect((await request.get('/sandboxes/prod')).status()).toBe(200)
    expect(calls(await requestLog(), catalog).map((entry) => entry.status)).toEqual([429])
  })
})

test.describe('5xx bursts', () => {
  /** What a page shows once its list settled: the list's rows, and every alert on the page (widgets fail alone). */
  async function settled(page: Page, rows: Locator): Promise<{ rows: string[]; alerts: string[] }> {
    await expect(rows.first().or(problems(page).first()).first()).toBeVisible()
    return { rows: await rows.allInnerTexts(), alerts: (await problems(page).allInnerTexts()).map((text) => text.trim()) }
  }

  test('an instance whose last run cannot be read says so, rather than "No runs yet"', async ({ page, request }) => {
    const { instances } = (await (await request.get('/api/sandboxes/prod/instances')).json()) as {
      instances: { name: string; lastRun?: { batchId: string } }[]
    }
    const lastBatchId = instances.find((instance) => instance.name === 'Loyalty Churn Risk')?.lastRun?.batchId
    expect(lastBatchId).toBeTruthy()
    await setFaults([{ match: `${catalog}/batches/${lastBatchId}`, kind: 'status', status: 503 }])
    await page.goto('/sandboxes/prod')
    const row = page.getByTestId('instance-row').filter({ hasText: 'Loyalty Churn Risk' })
    await expect(row.or(problems(page).first()).first()).toBeVisible()
    await expect(page.getByText('No runs yet')).toHaveCount(0)
  })

  test('half of Adobe\'s answers are 503: pages still load, and what they show is what a healthy Adobe shows', async ({ page, request }) => {
    const { datasetId, batchId } = await latestRun(request, 'Churn Prediction')
    const pages = [
      { url: '/sandboxes/prod', rows: page.getByTestId('instance-row') },
      { url: `/sandboxes/prod/datasets/${datasetId}`, rows: page.getByTestId('run-row') },
      { url: `/sandboxes/prod/batches/${batchId}`, rows: page.getByTestId('file-row') },
    ]

    await clearRequestLog()
    const healthy: string[][] = []
    for (const { url, rows } of pages) {
      await page.goto(url)
      const shown = await settled(page, rows)
      // (Other widgets, such as the run's insights, may carry an alert of their own from an earlier storm.)
      if (!shown.rows.length) throw new Error(`${url} failed without faults: ${shown.alerts.join(' | ')}`)
      healthy.push(shown.rows)
    }
    const healthyCalls = calls(await requestLog(), '/data').length

    await clearRequestLog()
    await setFaults([{ match: '/data', kind: 'status', status: 503, rate: 0.5 }])
    const outcomes: string[] = []
    for (const [index, { url, rows }] of pages.entries()) {
      const response = await page.goto(url)
      expect(response?.status(), url).toBe(200)
      await expect(page.getByText('This page could not be shown')).toHaveCount(0)
      const shown = await settled(page, rows)
      // Failing is allowed; failing silently or vaguely is not. (The header's sandbox picker says only what failed;
      // the page's panels also say why and when to try again.)
      for (const alert of shown.alerts) expect(alert, url).toMatch(/could not be|Adobe|try again/i)
      if (shown.rows.length) {
        expect(shown.rows, `${url} shows rows that differ from a healthy Adobe's`).toEqual(healthy[index])
        outcomes.push(`${url}: data`)
      } else {
        expect(shown.alerts.length, `${url} shows neither its list nor why`).toBeGreaterThan(0)
      }
      if (shown.alerts.length) outcomes.push(`${url}: ${shown.alerts.map((alert) => `"${alert.replace(/\s+/g, ' ').slice(0, 140)}"`).join(', ')}`)
    }

    const faulted = calls(await requestLog(), '/data')
    const refused = faulted.filter((entry) => entry.status === 503).length
    test.info().annotations.push({
      type: 'upstream calls',
      description: `healthy: ${healthyCalls}; with 50% 503: ${faulted.length} (${refused} answered 503). ${outcomes.join('; ')}`,
    })
    // Per call at most three attempts by the adapter, and a page whose server render failed is asked for once more
    // by the browser: at most 2 × 3 × the healthy count (fewer once the breaker opens). Never a retry storm.
    expect(faulted.length).toBeLessThanOrEqual(6 * healthyCalls)
  })
})

test.describe('stalls and cuts', () => {
  test('a stalled response header is given up after the 15 s headers timeout: 504 in words, Adobe asked once', async ({ request }) => {
    await clearRequestLog()
    await setFaults([{ match: sandboxList, kind: 'latency', ms: 25_000 }])
    const started = Date.now()
    const response = await request.get('/api/sandboxes', { timeout: 40_000 })
    const elapsedMs = Date.now() - started
    expect(response.status()).toBe(504)
    expect(await response.json()).toEqual({ error: { code: 'upstream_timeout:aep', message: 'Adobe did not answer within 15 s.' } })
    // The adapter's headersTimeoutMs is 15 s: allow 10 % over (reliability.md T4.2).
    expect(elapsedMs).toBeGreaterThanOrEqual(15_000)
    expect(elapsedMs).toBeLessThan(16_500)
    // Our own timeout is not retried: the person already waited long enough.
    expect(calls(await requestLog(), sandboxList)).toHaveLength(1)
  })

  test('a stalled download is cut after the 30 s idle timeout; the browser resumes it with Range and gets Adobe\'s exact bytes', async ({ page, request }) => {
    test.setTimeout(90_000)
    const run = await latestRun(request, 'Purchase Conversion')
    const part = largest(run)
    const expected = await fileBytesFromAdobe('prod', part.dataSetFileId, part.name)
    const link = await downloadLink(page, run, part)
    // Past half the file, so the resumed rest arrives whole: Chromium resumes an interrupted download by itself
    // (Range + If-Range with our ETag), which a stall on every response would only delay by 30 s a time.
    const stallAt = Math.ceil(part.size * 0.6)

    await clearRequestLog()
    await setFaults([{ match: partPath(part), kind: 'stall', afterBytes: stallAt }])
    const downloading = page.waitForEvent('download')
    await link.click()
    const [download, script] = await Promise.all([downloading, curl(`${appUrl}${downloadHref(part)}`)])

    // curl, which does not resume: exit 18 after the idle timeout (30 s from the last chunk, which came at once).
    expect(script.exitCode).toBe(18)
    expect(script.bytes).toBe(stallAt)
    expect(script.elapsedMs).toBeGreaterThanOrEqual(30_000)
    expect(script.elapsedMs).toBeLessThan(33_000)

    // The browser: interrupted at the same point, resumed, and the file is complete and right.
    expect(await download.failure()).toBeNull()
    expect(readFileSync((await download.path()) ?? '').equals(expected)).toBe(true)
    const upstream = calls(await requestLog(), partPath(part))
    expect(upstream.filter((entry) => entry.headers.range === undefined).map((entry) => entry.status)).toEqual([200, 200])
    // The browser's resume is the Range request carrying its If-Range (the run page's insights also read ranges).
    const resumes = upstream.filter(isBrowserResume)
    expect(resumes.map((entry) => [entry.status, entry.headers.range])).toEqual([[206, `bytes=${stallAt}-`]])
  })

  test('a download cut part way fails for every client, and the bytes are never passed off as whole', async ({ page, request }) => {
    const run = await latestRun(request, 'Churn Prediction')
    const part = largest(run)
    const cutAt = 200_000
    // Big enough that Chromium's few automatic resumes (each cut again) cannot finish it.
    expect(part.size).toBeGreaterThan(10 * cutAt)
    const link = await downloadLink(page, run, part)

    await clearRequestLog()
    await setFaults([{ match: partPath(part), kind: 'truncate', afterBytes: cutAt }])
    const downloading = page.waitForEvent('download')
    await link.click()
    const download = await downloading
    expect(await download.failure()).not.toBeNull()

    const script = await curl(`${appUrl}${downloadHref(part)}`)
    expect(script.exitCode).toBe(18)
    expect(script.bytes).toBe(cutAt)

    const response = await fetch(`${appUrl}${downloadHref(part)}`, { headers: { cookie: aliceCookie() } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe(String(part.size))
    await expect(response.arrayBuffer()).rejects.toThrow(/terminated/)

    // One upstream call per client request (browser, curl, fetch): a body that already started is never retried.
    // The browser's own resumes come as Range requests, each picking up where the last was cut.
    const upstream = calls(await requestLog(), partPath(part))
    expect(upstream.filter((entry) => entry.headers.range === undefined)).toHaveLength(3)
    const resumes = upstream.filter(isBrowserResume)
    resumes.forEach((entry, index) => expect(entry.headers.range).toBe(`bytes=${(index + 1) * cutAt}-`))
    test.info().annotations.push({ type: 'browser resumes', description: String(resumes.length) })
  })
})

test.describe('the server token', () => {
  /**
   * Gets the app onto short-lived tokens: Adobe refuses the cached token (401 on every call), the app renews it
   * once (IMS, now issuing `seconds`-long tokens), is refused again and reports it, without looping.
   */
  async function switchToShortLivedTokens(request: APIRequestContext, seconds: number): Promise<void> {
    await clearRequestLog()
    await setFaults([
      { match: sandboxList, kind: 'status', status: 401 },
      { match: imsToken, kind: 'token-ttl', seconds },
    ])
    const refused = await request.get('/api/sandboxes')
    expect(refused.status()).toBe(502)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('even after renewing it')
    const log = await requestLog()
    const seen = log.map((entry) => `${entry.status} ${entry.path.split('?')[0]}`)
    // A short-lived token left by an earlier test may be renewed first, ahead of its expiry: at most that one call.
    const fromFirstCall = seen.slice(seen.findIndex((entry) => entry.endsWith(`${sandboxList}/`)))
    expect(seen.slice(0, seen.length - fromFirstCall.length).every((entry) => entry === `200 ${imsToken}`)).toBe(true)
    expect(seen.length - fromFirstCall.length).toBeLessThanOrEqual(1)
    expect(fromFirstCall).toEqual([`401 ${sandboxList}/`, `200 ${imsToken}`, `401 ${sandboxList}/`])
    await setFaults([{ match: imsToken, kind: 'token-ttl', seconds }])
  }

  test('tokens that expire mid-session are renewed ahead of time: pages keep working, IMS is asked once a lifetime', async ({ page, request }) => {
    test.setTimeout(90_000)
    const { datasetId, batchId } = await latestRun(request, 'Purchase Conversion')
    await switchToShortLivedTokens(request, 6)

    await clearRequestLog()
    const started = Date.now()
    let loads = 0
    while (Date.now() - started < 14_000) {
      await page.goto('/sandboxes/prod')
      await expect(page.getByTestId('instance-row')).toHaveCount(3)
      await page.goto(`/sandboxes/prod/datasets/${datasetId}`)
      await expect(page.getByTestId('run-row').first()).toBeVisible()
      await page.goto(`/sandboxes/prod/batches/${batchId}`)
      await expect(page.getByTestId('file-row').first()).toBeVisible()
      await expect(problems(page)).toHaveCount(0)
      loads += 3
    }
    const elapsedS = (Date.now() - started) / 1000
    const log = await requestLog()
    const tokens = calls(log, imsToken).length
    test.info().annotations.push({ type: 'IMS calls', description: `${tokens} over ${elapsedS.toFixed(1)} s and ${loads} page loads (6 s tokens)` })
    // Renewed at half-life (3 s), never per request, and Adobe never saw an expired token.
    expect(calls(log, '/data').filter((entry) => entry.status === 401)).toEqual([])
    expect(tokens).toBeGreaterThanOrEqual(2)
    expect(tokens).toBeLessThanOrEqual(Math.ceil(elapsedS / 3) + 1)
  })

  test('50 API requests at once, right after the token expired, share one IMS call', async ({ request }) => {
    await switchToShortLivedTokens(request, 6)
    // Let the 6 s token run out with nobody asking.
    await new Promise((resolve) => setTimeout(resolve, 6_500))

    await clearRequestLog()
    const responses = await Promise.all(Array.from({ length: 50 }, () => request.get('/api/sandboxes')))
    expect(responses.map((response) => response.status())).toEqual(Array.from({ length: 50 }, () => 200))

    const log = await requestLog()
    expect(calls(log, imsToken)).toHaveLength(1)
    const list = calls(log, sandboxList)
    expect(list).toHaveLength(50)
    expect(new Set(list.map((entry) => entry.headers.authorization)).size).toBe(1)
  })
})
