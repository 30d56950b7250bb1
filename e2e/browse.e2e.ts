import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { fileBytesFromAdobe } from './support/adobe'
import { storageStateOf } from './support/env'
import { clearFaults, setFaults } from './support/simulator'

test.use({ storageState: storageStateOf('alice') })
test.afterEach(clearFaults)

function fileParams(href: string): { dataSetFileId: string; name: string } {
  const url = new URL(href, 'http://x')
  return { dataSetFileId: decodeURIComponent(url.pathname.split('/').pop() ?? ''), name: url.searchParams.get('path') ?? '' }
}

test('alice goes from instance to run to file and downloads it: the bytes are Adobe\'s', async ({ page }) => {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Churn Prediction', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Churn Prediction' })).toBeVisible()

  const runs = page.getByTestId('run-row')
  expect(await runs.count()).toBeGreaterThanOrEqual(6)
  await expect(runs.filter({ hasText: 'Latest successful' })).toHaveCount(1)
  await expect(runs.filter({ hasText: 'Processing' }).first()).toBeVisible()
  await expect(runs.filter({ hasText: 'Failed' }).first()).toBeVisible()

  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  await expect(page).toHaveURL(/\/sandboxes\/prod\/batches\//)
  const firstFile = page.getByTestId('file-row').first()
  await expect(firstFile).toBeVisible()

  const link = firstFile.getByRole('link', { name: 'Download' })
  const { dataSetFileId, name } = fileParams((await link.getAttribute('href')) ?? '')
  const downloadPromise = page.waitForEvent('download')
  await link.click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toBe(name)
  expect(await download.failure()).toBeNull()
  const saved = readFileSync((await download.path()) ?? '')
  const expected = await fileBytesFromAdobe('prod', dataSetFileId, name)
  expect(saved.length).toBe(expected.length)
  expect(saved.equals(expected)).toBe(true)
})

test('a run with more than 100 files lists every one of them', async ({ page }) => {
  await page.goto('/sandboxes/dev')
  await page.getByRole('link', { name: 'Churn Pilot', exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  await expect(page.getByTestId('file-row')).toHaveCount(120)
})

test('a download cut part way fails in the browser and leaves no file', async ({ page }) => {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Churn Prediction', exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  const link = page.getByTestId('file-row').first().getByRole('link', { name: 'Download' })
  await expect(link).toBeVisible()

  await setFaults([{ match: '/data/foundation/export/files', kind: 'truncate', afterBytes: 200_000 }])
  const downloadPromise = page.waitForEvent('download')
  await link.click()
  const download = await downloadPromise
  expect(await download.failure()).not.toBeNull()
})

test('a download resumed with Range completes with the same bytes', async ({ page }) => {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Purchase Conversion', exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  const href = (await page.getByTestId('file-row').first().getByRole('link', { name: 'Download' }).getAttribute('href')) ?? ''
  const { dataSetFileId, name } = fileParams(href)
  const expected = await fileBytesFromAdobe('prod', dataSetFileId, name)

  const head = await page.request.head(href)
  expect(head.status()).toBe(200)
  expect(head.headers()['x-file-size']).toBe(String(expected.length))
  expect(head.headers()['content-length']).toBe(String(expected.length))
  expect(head.headers()['accept-ranges']).toBe('bytes')

  const half = Math.floor(expected.length / 2)
  const first = await page.request.get(href, { headers: { range: `bytes=0-${half - 1}` } })
  expect(first.status()).toBe(206)
  expect(first.headers()['content-range']).toBe(`bytes 0-${half - 1}/${expected.length}`)
  const rest = await page.request.get(href, { headers: { range: `bytes=${half}-` } })
  expect(rest.status()).toBe(206)
  expect(rest.headers()['content-length']).toBe(String(expected.length - half))
  const joined = Buffer.concat([await first.body(), await rest.body()])
  expect(joined.equals(expected)).toBe(true)
})

test('the whole run downloads as one zip with a size the browser can show', async ({ page }) => {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Purchase Conversion', exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  const zipLink = page.getByRole('link', { name: /Download all as zip/ })
  const response = await page.request.get((await zipLink.getAttribute('href')) ?? '')
  expect(response.status()).toBe(200)
  const body = await response.body()
  expect(response.headers()['content-length']).toBe(String(body.length))
  expect(body.subarray(0, 4).toString('hex')).toBe('504b0304')
  const names = page.getByTestId('file-row').locator('td:nth-child(2)')
  for (const name of await names.allTextContents()) expect(body.includes(Buffer.from(name))).toBe(true)
})
