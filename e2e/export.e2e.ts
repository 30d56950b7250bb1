import { readFileSync } from 'node:fs'
import { type Page, expect, test } from '@playwright/test'
import { adobeGet, fileBytesFromAdobe } from './support/adobe'
import { appUrl, storageStateOf } from './support/env'
import { clearRequestLog, requestLog } from './support/simulator'

// The second path of Adobe's download-scores guide: export a Customer AI segment to a dataset, follow the job, then
// browse the batch it wrote like any run.

test.use({ storageState: storageStateOf('alice') })

const exportJobPosts = async () =>
  (await requestLog()).filter((entry) => entry.method === 'POST' && entry.path.split('?')[0] === '/data/core/ups/export/jobs')
const datasetPosts = async () =>
  (await requestLog()).filter((entry) => entry.method === 'POST' && entry.path.split('?')[0] === '/data/foundation/catalog/dataSets')

async function openInstance(page: Page, name: string): Promise<void> {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
}

async function chooseSegment(page: Page, segmentName: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(segmentName) }).check()
}

function fileParams(href: string): { dataSetFileId: string; name: string } {
  const url = new URL(href, 'http://x')
  return { dataSetFileId: decodeURIComponent(url.pathname.split('/').pop() ?? ''), name: url.searchParams.get('path') ?? '' }
}

test('an existing dataset can be any on the Profile union schema, not only one an earlier export wrote to', async ({ page }) => {
  await openInstance(page, 'Churn Prediction')
  const panel = page.getByTestId('export-panel')
  await chooseSegment(page, 'Churn Prediction – High propensity')
  const existing = panel.getByRole('radio', { name: 'An existing dataset' })
  await expect(existing).toBeEnabled()
  await existing.check()
  // The simulator's prod sandbox holds one such dataset that no export has written to; Web Events is on another schema.
  const options = panel.getByLabel('Dataset').locator('option')
  await expect(options.filter({ hasText: 'Retention Team Profile Exports' })).toHaveCount(1)
  await expect(options.filter({ hasText: 'Web Events' })).toHaveCount(0)
})

test('alice exports a Churn Prediction segment to a new dataset, follows it to SUCCEEDED and downloads what it wrote', async ({ page }) => {
  await openInstance(page, 'Churn Prediction')
  const panel = page.getByTestId('export-panel')
  await chooseSegment(page, 'Churn Prediction – High propensity')

  const name = panel.getByLabel('Name of the new dataset')
  await expect(name).toHaveValue(/^Segment export – Churn Prediction – High propensity – \d{4}-\d{2}-\d{2}$/)
  const datasetName = `E2E high propensity ${Date.now()}`
  await name.fill(datasetName)

  await clearRequestLog()
  await panel.getByRole('button', { name: 'Export to dataset' }).click()

  const progress = page.getByTestId('export-progress')
  await expect(progress).toBeVisible()
  await expect(page).toHaveURL(/[?&]export=\d+/)
  await expect(progress.getByTestId('export-status')).toHaveText('SUCCEEDED', { timeout: 30_000 })
  await expect(progress.locator('li[data-state="done"]')).toHaveCount(3)
  expect(await exportJobPosts()).toHaveLength(1)

  // The dataset the app created is on the Profile union schema and carries the name alice gave it.
  const [created] = await datasetPosts()
  expect(created).toBeDefined()
  const jobId = new URL(page.url()).searchParams.get('export') ?? ''
  const job = (await (await adobeGet(`/data/core/ups/export/jobs/${jobId}`)).json()) as { destination: { datasetId: string; batchId: string } }
  const datasets = (await (await adobeGet(`/data/foundation/catalog/dataSets/${job.destination.datasetId}`)).json()) as Record<
    string,
    { name: string; schemaRef: { id: string } }
  >
  expect(datasets[job.destination.datasetId]).toMatchObject({ name: datasetName, schemaRef: { id: 'https://ns.adobe.com/xdm/context/profile__union' } })

  // The recent list shows it, from the database, with its batch.
  const row = panel.getByTestId('export-row').filter({ has: page.getByRole('link', { name: `Follow export job ${jobId}`, exact: true }) })
  await expect(row.getByTestId('export-status')).toHaveText('SUCCEEDED')

  await progress.getByRole('link', { name: 'Open the exported batch' }).click()
  await expect(page).toHaveURL(new RegExp(`/sandboxes/prod/batches/${job.destination.batchId}$`))
  const firstFile = page.getByTestId('file-row').first()
  await expect(firstFile).toBeVisible()
  await expect(firstFile).toContainText('.snappy.parquet')

  const link = firstFile.getByRole('link', { name: 'Download' })
  const { dataSetFileId, name: fileName } = fileParams((await link.getAttribute('href')) ?? '')
  const downloadPromise = page.waitForEvent('download')
  await link.click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(fileName)
  expect(await download.failure()).toBeNull()
  const saved = readFileSync((await download.path()) ?? '')
  const expected = await fileBytesFromAdobe('prod', dataSetFileId, fileName)
  expect(saved.length).toBe(expected.length)
  expect(saved.equals(expected)).toBe(true)

  // The batch is previewable like a run: its file page opens on the same file.
  await firstFile.getByRole('link', { name: 'Preview' }).click()
  await expect(page).toHaveURL(/\/sandboxes\/prod\/files\//)
  await expect(page.getByRole('heading', { name: fileName, level: 1 })).toBeVisible()

  // The target dataset's page lists the export's batch like a run, and says why it has no segments of its own.
  await page.goto(`/sandboxes/prod/datasets/${job.destination.datasetId}`)
  await expect(page.getByTestId('run-row')).toHaveCount(1)
  await expect(page.getByTestId('run-row')).toContainText(job.destination.batchId)
  await expect(page.getByTestId('export-unavailable')).toContainText('is not the output dataset of a Customer AI instance')
})

test('the simulator’s broken export ends FAILED with Adobe’s error in words', async ({ page }) => {
  await openInstance(page, 'Churn Prediction')
  const panel = page.getByTestId('export-panel')
  await chooseSegment(page, 'Churn Prediction – Broken export')
  await panel.getByRole('button', { name: 'Export to dataset' }).click()

  const progress = page.getByTestId('export-progress')
  await expect(progress.getByTestId('export-status')).toHaveText('FAILED', { timeout: 30_000 })
  const error = progress.getByTestId('export-error')
  await expect(error).toContainText('Profile export for segment')
  await expect(error).toContainText('Broken export')
  await expect(error).toContainText('Adobe error 0090000009')
  await expect(progress.locator('li[data-state="failed"]')).toContainText('Adobe could not finish the export')
  await expect(progress.getByRole('link', { name: 'Open the exported batch' })).toHaveCount(0)
})

test('a double click on "Export to dataset" starts one dataset and one job', async ({ page }) => {
  // Purchase Conversion's audiences are small: the export is written in a moment.
  await openInstance(page, 'Purchase Conversion')
  const panel = page.getByTestId('export-panel')
  await chooseSegment(page, 'Purchase Conversion – Low propensity')
  await clearRequestLog()
  await panel.getByRole('button', { name: 'Export to dataset' }).dblclick()
  await expect(page.getByTestId('export-progress').getByTestId('export-status')).toHaveText('SUCCEEDED', { timeout: 30_000 })
  expect(await exportJobPosts()).toHaveLength(1)
  expect(await datasetPosts()).toHaveLength(1)
})

test('the same request twice, at once, answers one job: the server keeps the request key', async ({ page, request }) => {
  await openInstance(page, 'Purchase Conversion')
  const segmentId = await page.getByRole('radio', { name: /Purchase Conversion – Medium propensity/ }).getAttribute('value')
  expect(segmentId).toBeTruthy()
  const body = { segmentId, target: { kind: 'new', name: `E2E twice ${Date.now()}` }, requestKey: `e2e-${Date.now()}-twice-key` }
  const post = () =>
    request.post('/api/sandboxes/prod/exports', { data: body, headers: { origin: appUrl, 'content-type': 'application/json' } })

  await clearRequestLog()
  const [first, second] = await Promise.all([post(), post()])
  expect([first.status(), second.status()].sort()).toEqual([200, 201])
  const [a, b] = (await Promise.all([first.json(), second.json()])) as { id: string }[]
  expect(a?.id).toMatch(/^\d+$/)
  expect(b?.id).toBe(a?.id)
  expect(await exportJobPosts()).toHaveLength(1)
  expect(await datasetPosts()).toHaveLength(1)

  // And later still: a retried POST finds the same job.
  const third = await post()
  expect(third.status()).toBe(200)
  expect(((await third.json()) as { id: string }).id).toBe(a?.id)
  expect(await exportJobPosts()).toHaveLength(1)
})

test('an instance whose scores are not enabled for Profile says why its segments cannot be exported', async ({ page }) => {
  await openInstance(page, 'Loyalty Churn Risk')
  const note = page.getByTestId('export-unavailable')
  await expect(note).toContainText(/Loyalty Churn Risk.s scores are not enabled for Real-Time Customer Profile, so its segments cannot be exported/)
  await expect(page.getByRole('button', { name: 'Export to dataset' })).toHaveCount(0)
})

// Reads the jobs the tests above started (tests in a file run in order, on one worker).
test('the exports page lists the sandbox’s exports from the database and follows one', async ({ page }) => {
  await page.goto('/sandboxes/prod/exports')
  await expect(page.getByRole('heading', { name: 'Segment exports', level: 1 })).toBeVisible()
  // Rows that can be followed: jobs Adobe still knows by their id (see store.ts on retired rows).
  const rows = page.getByTestId('export-row').filter({ has: page.getByRole('link', { name: /Follow export job/ }) })
  await expect(rows.first()).toBeVisible()
  await expect(rows.filter({ hasText: 'Broken export' }).first().getByTestId('export-status')).toHaveText('FAILED')
  await rows.filter({ hasText: 'High propensity' }).first().getByRole('link', { name: /Follow export job/ }).click()
  await expect(page.getByTestId('export-progress').getByTestId('export-status')).toHaveText('SUCCEEDED')
})

test('a cross-origin POST is refused with 403, a text/plain one with 415, and Adobe is never asked', async ({ request }) => {
  const body = JSON.stringify({ segmentId: 'a'.repeat(8), target: { kind: 'new', name: 'x' }, requestKey: 'k'.repeat(20) })
  await clearRequestLog()
  const foreign = await request.post('/api/sandboxes/prod/exports', {
    data: body,
    headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
  })
  expect(foreign.status()).toBe(403)
  expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('forbidden:request')

  const plain = await request.post('/api/sandboxes/prod/exports', { data: body, headers: { origin: appUrl, 'content-type': 'text/plain' } })
  expect(plain.status()).toBe(415)
  expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type:request')

  const noOrigin = await request.post('/api/sandboxes/prod/exports', { data: body, headers: { 'content-type': 'application/json' } })
  expect(noOrigin.status()).toBe(403)

  const malformed = await request.post('/api/sandboxes/prod/exports', {
    data: JSON.stringify({ segmentId: 'a'.repeat(8), target: { kind: 'existing', datasetId: 'https://evil.example/x' }, requestKey: 'k'.repeat(20) }),
    headers: { origin: appUrl, 'content-type': 'application/json' },
  })
  expect(malformed.status()).toBe(400)
  expect(await requestLog()).toEqual([])
})
