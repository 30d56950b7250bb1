import { type BrowserContext, expect, test } from '@playwright/test'
import { appUrl, storageStateOf } from './support/env'
import { openLatestRun, type Part, partOf } from './support/shares'

// The ways into sharing besides a run's file rows (the file preview page), and the API's refusals (reliability.md
// §2.4: state changes only from our own pages, as JSON, within the documented bounds).

let alice: BrowserContext
let part: Part

test.beforeAll(async ({ browser }) => {
  alice = await browser.newContext({ storageState: storageStateOf('alice') })
  const page = await alice.newPage()
  await openLatestRun(page, 'Purchase Conversion')
  part = partOf((await page.getByTestId('file-row').first().getByRole('link', { name: 'Download' }).getAttribute('href')) ?? '')
  await page.close()
})

test.afterAll(async () => {
  await alice.close()
})

test.describe('the API', () => {
  const body = () => JSON.stringify({ sandbox: 'prod', dataSetFileId: part.dataSetFileId, path: part.name, expiresInDays: 7 })

  test('creating a link is refused cross-origin (403), as text/plain (415) and beyond 30 days (400, in words)', async () => {
    const post = (headers: Record<string, string>, data = body()) => alice.request.post('/api/shares', { headers, data })

    const crossOrigin = await post({ origin: 'http://evil.example', 'content-type': 'application/json' })
    expect(crossOrigin.status()).toBe(403)
    expect(((await crossOrigin.json()) as { error: { code: string } }).error.code).toBe('forbidden:request')

    const noOrigin = await post({ 'content-type': 'application/json' })
    expect(noOrigin.status()).toBe(403)

    const plain = await post({ origin: appUrl, 'content-type': 'text/plain' })
    expect(plain.status()).toBe(415)

    const tooLong = await post(
      { origin: appUrl, 'content-type': 'application/json' },
      JSON.stringify({ sandbox: 'prod', dataSetFileId: part.dataSetFileId, path: part.name, expiresInDays: 31 }),
    )
    expect(tooLong.status()).toBe(400)
    const { error } = (await tooLong.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('bad_request:request')
    expect(error.message).toMatch(/expiresInDays: .*at most 30 days/)

    const ok = await post({ origin: appUrl, 'content-type': 'application/json' })
    expect(ok.status()).toBe(201)

    // Revoking is a state change too: the same check.
    const { id } = (await ok.json()) as { id: string }
    expect((await alice.request.delete(`/api/shares/${id}`, { headers: { origin: 'http://evil.example' } })).status()).toBe(403)
    const links = (await (await alice.request.get('/api/shares')).json()) as { links: { id: string; state: string }[] }
    expect(links.links.find((link) => link.id === id)?.state).toBe('active')
  })
})

test('the file preview page has Share too, and the link it makes knows the file\'s run', async () => {
  const page = await alice.newPage()
  await openLatestRun(page, 'Churn Prediction')
  const batchId = page.url().split('/').pop() ?? ''
  await page.getByTestId('file-row').first().getByRole('link', { name: 'Preview' }).click()
  await expect(page).toHaveURL(/\/files\/.*batch=/)
  await page.getByRole('button', { name: 'Share' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share a download link' })
  const created = page.waitForResponse((response) => response.url() === `${appUrl}/api/shares` && response.request().method() === 'POST')
  await dialog.getByRole('button', { name: 'Create link' }).click()
  const { id } = (await (await created).json()) as { id: string }
  await expect(dialog.getByTestId('share-url')).toHaveValue(/\/share\//)
  // Escape closes the dialog (native <dialog>), and keyboard focus returns to the page.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  const { links } = (await (await alice.request.get('/api/shares')).json()) as { links: { id: string; batchId: string | null; kind: string }[] }
  expect(links.find((link) => link.id === id)).toMatchObject({ kind: 'file', batchId })
  await page.close()
})
