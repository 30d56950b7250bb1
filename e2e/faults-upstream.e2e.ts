import { type Locator, type Page, expect, test } from '@playwright/test'
import { storageStateOf } from './support/env'
import { calls, catalog, healthyAgain, latestRun, problems, sandboxList } from './support/faults'
import { clearFaults, clearRequestLog, requestLog, setFaults, type RecordedRequest } from './support/simulator'

// Adobe misbehaving, through the running app, as alice (reliability.md §4, T4.2/T4.3): what the person sees, how
// many calls reach Adobe, and that nothing false is shown. Fault rules are the simulator's (simulator/README.md).
// Timings asserted here are the adapter's own timeouts (lib/aep/options.ts: headers 15 s, body idle 30 s).

test.use({ storageState: storageStateOf('alice') })

test.afterEach(async ({ request }) => healthyAgain(request))

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
