import { type Page, expect, test } from '@playwright/test'
import { openDatabase } from '@/lib/db/migrate'
import { fileBytesFromAdobe } from './support/adobe'
import { duckdbRows, withLocalCopy } from './support/duckdb'
import { storageStateOf } from './support/env'
import { clearRequestLog, requestLog } from './support/simulator'

// A run's insights: computed on the server while the page shows real progress, checked against DuckDB over the same
// files, then stored, so the next visit (anyone's) is answered from the database without reading a file again.

test.use({ storageState: storageStateOf('alice') })
test.describe.configure({ mode: 'serial' })

interface InsightsAnswer {
  status: string
  progress?: { bytesRead: number; bytesTotal: number; filesDone: number; filesTotal: number }
  result?: { top: { identity: string; score: number }[]; scores: { count: number } }
}

const databaseUrl = process.env.E2E_DATABASE_URL ?? 'file:.data/e2e.sqlite'

/** Forgets a run's stored insights, so this test sees them computed (the database outlives test runs). */
async function forgetInsights(batchId: string): Promise<void> {
  const database = await openDatabase(databaseUrl)
  try {
    await database.db.deleteFrom('run_insights').where('batch_id', '=', batchId).execute()
  } finally {
    await database.close()
  }
}

/** The run page of an instance's latest successful run in prod, found the way a person finds it. */
async function latestRunPath(page: Page, instance: string): Promise<string> {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: instance, exact: true }).click()
  return (await page.getByRole('link', { name: 'Open the latest successful run' }).getAttribute('href')) ?? ''
}

const batchIdOf = (runPath: string) => runPath.split('/').pop() ?? ''
const apiOf = (runPath: string) => `/api${runPath}/insights`
const score = '_acmeinc.CustomerAI.churnPrediction.score'

/** Local copies of a run's part files, for DuckDB. */
async function localParts(page: Page, runPath: string): Promise<string[]> {
  const { files } = (await (await page.request.get(`/api${runPath}`)).json()) as { files: { dataSetFileId: string; name: string }[] }
  return Promise.all(files.map(async (file) => withLocalCopy(await fileBytesFromAdobe('prod', file.dataSetFileId, file.name))))
}

const fileReads = async () => (await requestLog()).filter((entry) => entry.path.startsWith('/data/foundation/export/files/') && entry.path.includes('?path='))

let churnRun = ''
let parts: string[] = []

test('alice watches the insights of a run being computed, then sees DuckDB\'s top profiles, histogram and factors', async ({ page }) => {
  test.setTimeout(180_000)
  churnRun = await latestRunPath(page, 'Churn Prediction')
  await forgetInsights(batchIdOf(churnRun))
  const answers: InsightsAnswer[] = []
  page.on('response', async (response) => {
    if (response.url().includes('/insights')) answers.push((await response.json().catch(() => ({ status: 'unreadable' }))) as InsightsAnswer)
  })

  await page.goto(churnRun)
  await expect(page.getByTestId('insights-progress')).toBeVisible()
  await expect(page.getByTestId('insights-done')).toBeVisible({ timeout: 150_000 })
  // Progress was real: the server said how many bytes it had read of how many, before it was done.
  expect(answers.some((answer) => answer.status === 'computing' && (answer.progress?.bytesRead ?? 0) > 0 && (answer.progress?.bytesTotal ?? 0) > 0)).toBe(true)

  parts = await localParts(page, churnRun)
  const from = `read_parquet([${parts.map((p) => `'${p}'`).join(', ')}])`
  const expected = await duckdbRows(`SELECT identityMap['ECID'][1].id AS identity, ${score} AS score FROM ${from} ORDER BY score DESC LIMIT 100`)

  await expect(page.getByRole('heading', { name: 'Most likely to churn' })).toBeVisible()
  const rows = page.getByTestId('top-row')
  await expect(rows).toHaveCount(100)
  for (const index of [0, 1, 49, 99]) {
    await expect(rows.nth(index).locator('[data-column=identity]')).toHaveText(String(expected[index]?.identity))
    await expect(rows.nth(index).locator('[data-column=score]')).toHaveText(Number(expected[index]?.score).toFixed(2))
  }

  const bars = page.getByTestId('score-distribution').getByTestId('histogram-bar')
  await expect(bars).toHaveCount(20)
  const binCounts = await duckdbRows(`SELECT least(floor(${score} / 5), 19)::INTEGER AS bin, count(*)::INTEGER AS n FROM ${from} GROUP BY bin ORDER BY bin`)
  for (const { bin, n } of binCounts) await expect(bars.nth(Number(bin))).toHaveAttribute('data-count', String(n))

  const [high] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM ${from} WHERE ${score} > 74`)
  await expect(page.locator('[data-testid=bucket-counts] [data-bucket=high]')).toHaveAttribute('data-count', String(high?.n))
  await expect(page.getByTestId('factor-chart')).toHaveCount(3)
  await expect(page.getByTestId('factor-bar').first()).toBeVisible()
  await expect(page.getByTestId('migration-matrix')).toBeVisible()
})

test('the cut-offs and N are adjustable, kept in the address, and each top row opens its place in its file', async ({ page }) => {
  await page.goto(churnRun)
  await expect(page.getByTestId('insights-done')).toBeVisible()
  await page.getByLabel('Low below').fill('50')
  await expect(page).toHaveURL(/low=50/)
  const from = `read_parquet([${parts.map((p) => `'${p}'`).join(', ')}])`
  const [low] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM ${from} WHERE ${score} < 50`)
  await expect(page.locator('[data-testid=bucket-counts] [data-bucket=low]')).toHaveAttribute('data-count', String(low?.n))

  await page.getByRole('combobox', { name: 'Show' }).selectOption('250')
  await expect(page).toHaveURL(/top=250/)
  await expect(page.getByTestId('top-row')).toHaveCount(250)

  const first = page.getByTestId('top-row').first().locator('[data-column=identity]')
  const identity = (await first.textContent())?.trim()
  await first.click()
  await expect(page).toHaveURL(/\/files\/.+\?path=.+&row=\d+/)
  const row = Number(new URL(page.url()).searchParams.get('row'))
  await expect(page.locator(`[data-testid=score-row][data-row-index="${row}"] [data-column=identity]`)).toHaveText(identity ?? '')
})

test('the second visit, and bob\'s, are served from the stored result without reading a file', async ({ page, browser }) => {
  await clearRequestLog()
  const answer = (await (await page.request.get(apiOf(churnRun))).json()) as InsightsAnswer
  expect(answer.status).toBe('done')
  await page.goto(churnRun)
  await expect(page.getByTestId('top-row').first()).toBeVisible()
  await expect(page.getByTestId('histogram-bar')).not.toHaveCount(0)

  const bob = await browser.newContext({ storageState: storageStateOf('bob') })
  try {
    const bobPage = await bob.newPage()
    const bobAnswer = (await (await bobPage.request.get(apiOf(churnRun))).json()) as InsightsAnswer
    expect(bobAnswer.status).toBe('done')
    expect(bobAnswer.result?.top[0]).toEqual(answer.result?.top[0])
    await bobPage.goto(churnRun)
    await expect(bobPage.getByRole('heading', { name: 'Most likely to churn' })).toBeVisible()
    await expect(bobPage.getByTestId('top-row')).toHaveCount(100)
  } finally {
    await bob.close()
  }
  expect(await fileReads()).toEqual([])
})

test('a conversion run says conversion', async ({ page }) => {
  await page.goto(await latestRunPath(page, 'Purchase Conversion'))
  await expect(page.getByRole('heading', { name: 'Most likely to convert' })).toBeVisible({ timeout: 60_000 })
})

test('processing and failed runs say why they have no insights', async ({ page }) => {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Churn Prediction', exact: true }).click()
  const runs = page.getByTestId('run-row')
  for (const [status, words] of [
    ['Processing', /still processing/],
    ['Failed', /ended as failure .*wrote no scores/],
  ] as const) {
    await runs.filter({ hasText: status }).first().getByRole('link').first().click()
    await expect(page.getByTestId('insights-unavailable')).toHaveText(words)
    await page.goBack()
  }
})
