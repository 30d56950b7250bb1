import { readFileSync } from 'node:fs'
import { type BrowserContext, expect, test } from '@playwright/test'
import { encode } from 'next-auth/jwt'
import { parseDatabaseUrl } from '../lib/db/url'
import { signInThroughProvider } from './pages/sign-in'
import { fileBytesFromAdobe } from './support/adobe'
import { appUrl, people, storageStateOf } from './support/env'
import { type Part, databaseUrl, expectShareHeaders, openLatestRun, partOf, unavailableText, withStore } from './support/shares'
import { clearRequestLog, requestLog } from './support/simulator'

// Share links end to end (reliability.md §3, T3.2 / T3.4 / T3.5 in the browser; the API refusals are in shares-entry-points): alice shares,
// bob opens and downloads, eve is refused, alice revokes, an expired link fails, and the audit saw all of it.
// One story, in order: each test builds on the links the previous ones made.
test.describe.configure({ mode: 'serial' })

const day = 86_400_000

interface Shared {
  id: string
  url: string
  token: string
  part: Part
  bytes: Buffer
}

let alice: BrowserContext
let bob: BrowserContext
let shared: Shared

test.beforeAll(async ({ browser }) => {
  alice = await browser.newContext({ storageState: storageStateOf('alice'), permissions: ['clipboard-read', 'clipboard-write'] })
  bob = await browser.newContext({ storageState: storageStateOf('bob') })
})

test.afterAll(async () => {
  await alice.close()
  await bob.close()
})

test('alice shares a file from its run: 7 days by default, at most 30, and a link to copy', async () => {
  const page = await alice.newPage()
  await openLatestRun(page, 'Churn Prediction')
  const row = page.getByTestId('file-row').first()
  const part = partOf((await row.getByRole('link', { name: 'Download' }).getAttribute('href')) ?? '')

  await row.getByRole('button', { name: 'Share' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share a download link' })
  await expect(dialog).toBeVisible()
  const expiry = dialog.getByLabel('Link expires after')
  await expect(expiry).toHaveValue('7')
  const choices = await expiry.locator('option').evaluateAll((options) => options.map((option) => Number((option as HTMLOptionElement).value)))
  expect(Math.max(...choices)).toBe(30)

  const before = Date.now()
  const created = page.waitForResponse((response) => response.url() === `${appUrl}/api/shares` && response.request().method() === 'POST')
  await dialog.getByRole('button', { name: 'Create link' }).click()
  const response = await created
  expect(response.status()).toBe(201)
  const body = (await response.json()) as { id: string; url: string; expiresAt: number }
  expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'url'])
  expect(body.url).toMatch(new RegExp(`^${appUrl}/share/[A-Za-z0-9_-]{43}$`))
  expect(body.expiresAt).toBeGreaterThanOrEqual(before + 7 * day)
  expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 7 * day)

  await expect(dialog.getByTestId('share-url')).toHaveValue(body.url)
  await dialog.getByRole('button', { name: 'Copy' }).click()
  await expect(dialog.getByText('Copied to the clipboard.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(body.url)

  // The token exists only in that answer: the creator's own list never shows it.
  const token = body.url.split('/').pop() ?? ''
  const list = await alice.request.get('/api/shares')
  expect(await list.text()).not.toContain(token)

  shared = { id: body.id, url: body.url, token, part, bytes: await fileBytesFromAdobe('prod', part.dataSetFileId, part.name) }
  await page.close()
})

test('bob opens the link: the token leaves the address, he sees what it is and its first rows, and downloads Adobe\'s bytes', async () => {
  await clearRequestLog()
  const page = await bob.newPage()
  const requests: { url: string; referer?: string }[] = []
  page.on('request', (request) => requests.push({ url: request.url(), referer: request.headers().referer }))

  const landing = page.waitForResponse((response) => response.url() === shared.url)
  const final = await page.goto(shared.url)
  const first = await landing

  // The token is looked at once: 303 to the link's page, with a grant cookie scoped to that link.
  expect(first.status()).toBe(303)
  expectShareHeaders(first)
  const setCookies = (await first.headersArray()).filter((header) => header.name.toLowerCase() === 'set-cookie').map((header) => header.value)
  expect(setCookies).toHaveLength(2)
  for (const cookie of setCookies) {
    expect(cookie).toMatch(/^share_grant=/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).not.toContain(shared.token)
  }
  expect(page.url()).toBe(`${appUrl}/share/l/${shared.id}`)
  expect(page.url()).not.toContain(shared.token)
  expect(final?.status()).toBe(200)
  if (final) expectShareHeaders(final)

  const grants = (await bob.cookies()).filter((cookie) => cookie.name === 'share_grant')
  expect(grants.map((cookie) => cookie.path).sort()).toEqual([`/api/shares/${shared.id}`, `/share/l/${shared.id}`])
  for (const grant of grants) expect(grant).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  expect(await page.evaluate(() => document.cookie)).not.toContain('share_grant')

  // What it is, from Adobe: file, instance, run, who shared it and until when.
  await expect(page.getByRole('heading', { name: shared.part.name })).toBeVisible()
  await expect(page.getByTestId('shared-by')).toContainText(people.alice.email)
  await expect(page.getByTestId('shared-by')).toContainText('UTC')
  await expect(page.getByRole('main')).toContainText('Churn Prediction')
  await expect(page.getByRole('main')).toContainText(shared.part.dataSetFileId)

  // The preview reads through the share's own bytes route.
  await expect(page.locator('[data-testid=score-row]').first()).toBeVisible({ timeout: 30_000 })
  expect(requests.some((request) => request.url.includes(`/api/shares/${shared.id}/file`))).toBe(true)
  expect(requests.some((request) => request.url.includes('/api/sandboxes/'))).toBe(false)

  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('link', { name: /^Download \(/ }).click()
  const download = await downloadPromise
  expect(await download.failure()).toBeNull()
  expect(download.suggestedFilename()).toBe(shared.part.name)
  const saved = readFileSync((await download.path()) ?? '')
  expect(saved.length).toBe(shared.bytes.length)
  expect(saved.equals(shared.bytes)).toBe(true)

  // The bytes route: one Range, HEAD with the size, and the share headers on both.
  const slice = await page.request.get(`/api/shares/${shared.id}/file`, { headers: { range: 'bytes=0-1023' } })
  expect(slice.status()).toBe(206)
  expect((await slice.body()).equals(shared.bytes.subarray(0, 1024))).toBe(true)
  expectShareHeaders(slice)
  const head = await page.request.head(`/api/shares/${shared.id}/file`)
  expect(head.status()).toBe(200)
  expect(head.headers()['x-file-size']).toBe(String(shared.bytes.length))

  // No request told anyone the share page's address (T3.5: no Referer, or none naming the page). The preview's
  // worker sends its own script's address, which names no link; the page itself sends nothing.
  for (const request of requests.filter((entry) => entry.url.startsWith(appUrl))) {
    expect(request.referer ?? '', request.url).not.toContain('/share/')
  }
  const fromPage = requests.filter((entry) => entry.url.startsWith(`${appUrl}/_next/`) && !(entry.referer ?? '').includes('/_next/'))
  expect(fromPage.length).toBeGreaterThan(0)
  for (const request of fromPage) expect(request.referer ?? '', request.url).toBe('')
  expect(JSON.stringify(await requestLog())).not.toContain(shared.token)
  await page.close()
})

test('signed out, bob signs in first and comes back to the link', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInThroughProvider(page, 'bob', shared.url)
  await expect(page).toHaveURL(`${appUrl}/share/l/${shared.id}`)
  await expect(page.getByTestId('shared-by')).toContainText(people.alice.email)
  await context.close()
})

test('eve is refused: through the provider form she ends on the refusal, and the link gives her no file', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInThroughProvider(page, 'eve', shared.url)
  await expect(page).toHaveURL(/\/signin\?.*error=/)
  await expect(page.getByRole('alert').filter({ hasText: 'not part of this organisation' })).toBeVisible()

  await page.goto(shared.url)
  await expect(page).toHaveURL(/\/signin/)
  await expect(page.getByTestId('shared-by')).toHaveCount(0)
  expect((await page.request.get(`/api/shares/${shared.id}/file`)).status()).toBe(401)
  await context.close()

  // Even with a well-signed session of her own (sign-in would never issue one), the link refuses her, and says so
  // in the audit.
  const secret = readFileSync('.data/nextauth-secret', 'utf8').trim()
  const forged = await browser.newContext()
  await forged.addCookies([
    { name: 'next-auth.session-token', value: await encode({ token: { email: people.eve.email, name: 'Eve', sub: 'eve' }, secret }), url: appUrl },
  ])
  const forgedPage = await forged.newPage()
  await forgedPage.goto(shared.url)
  await expect(forgedPage).toHaveURL(/\/signin\?error=NotInOrganisation/)
  await expect(forgedPage.getByRole('alert').filter({ hasText: 'not part of this organisation' })).toBeVisible()
  expect((await forged.cookies()).filter((cookie) => cookie.name === 'share_grant')).toEqual([])
  const api = await forged.request.get(shared.url, { maxRedirects: 0 })
  expect(api.status()).toBe(403)
  await forged.close()

  const audit = await withStore(Date.now, (store) => store.audit(shared.id))
  expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'denied', reason: 'not-in-organisation', actor: people.eve.email })]))
})

test('alice revokes on My links: bob\'s very next request, a resumed Range request included, gets 404', async () => {
  const fileUrl = `/api/shares/${shared.id}/file`
  const resumed = await bob.request.get(fileUrl, { headers: { range: 'bytes=0-1023' } })
  expect(resumed.status()).toBe(206)

  const page = await alice.newPage()
  await page.goto('/shares')
  const row = page.locator(`[data-testid=share-row][data-link-id="${shared.id}"]`)
  await expect(row.getByTestId('share-state')).toHaveText('Active')
  await expect(row.getByTestId('share-downloads')).toHaveText('1')
  await expect(row).toContainText(shared.part.name)
  await row.getByRole('button', { name: 'Revoke' }).click()
  await expect(row.getByTestId('share-state')).toHaveText('Revoked')
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0)

  const next = await bob.request.get(fileUrl, { headers: { range: 'bytes=1024-2047' } })
  expect(next.status()).toBe(404)
  expect(((await next.json()) as { error: { code: string } }).error.code).toBe('not_found:share')
  expect((await bob.request.get(fileUrl)).status()).toBe(404)
  expect((await bob.request.head(fileUrl)).status()).toBe(404)

  const bobPage = await bob.newPage()
  const reloaded = await bobPage.goto(`/share/l/${shared.id}`)
  expect(reloaded?.status()).toBe(404)
  await expect(bobPage.getByRole('heading', { name: 'Link not available' })).toBeVisible()
  const again = await bobPage.goto(shared.url)
  expect(again?.status()).toBe(404)
  expect(bobPage.url()).not.toContain(shared.token)
  if (again) expectShareHeaders(again)
  await bobPage.close()

  // Revoking is the creator's alone.
  const other = await alice.request.post('/api/shares', {
    headers: { origin: appUrl, 'content-type': 'application/json' },
    data: JSON.stringify({ sandbox: 'prod', dataSetFileId: shared.part.dataSetFileId, path: shared.part.name }),
  })
  expect(other.status()).toBe(201)
  const { id } = (await other.json()) as { id: string }
  const stranger = await bob.request.delete(`/api/shares/${id}`, { headers: { origin: appUrl } })
  expect(stranger.status()).toBe(403)
  await page.close()
})

test('an expired link, an unknown one and a revoked one end on the same page, with 404 and no hint which', async () => {
  // Created through the store against the app's database, with a clock 31 days back: a 30-day link that ran out
  // yesterday.
  const expired = await withStore(
    () => Date.now() - 31 * day,
    (store) =>
      store.create({ kind: 'file', sandbox: 'prod', dataSetFileId: shared.part.dataSetFileId, path: shared.part.name, createdBy: people.alice.email, expiresInDays: 30 }),
  )
  const unknown = 'Z'.repeat(43)
  const page = await bob.newPage()
  const texts: string[] = []
  for (const token of [expired.token, unknown, shared.token]) {
    const response = await page.goto(`/share/${token}`)
    expect(response?.status(), token).toBe(404)
    expect(page.url()).not.toContain(token)
    await expect(page.getByRole('heading', { name: 'Link not available' })).toBeVisible()
    texts.push(await unavailableText(page))
  }
  expect(new Set(texts).size).toBe(1)

  // An API client gets the same answer in JSON.
  const api = await bob.request.get(`/share/${expired.token}`, { maxRedirects: 0 })
  expect(api.status()).toBe(404)
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found:share')

  const audit = await withStore(Date.now, (store) => store.audit(expired.id))
  expect(audit.filter((entry) => entry.event === 'denied').map((entry) => entry.reason)).toEqual(['expired', 'expired'])
  await page.close()
})

test('the audit shows every event with who and when, never the token, and only to the link\'s creator', async () => {
  const response = await alice.request.get(`/api/shares/${shared.id}/audit`)
  expect(response.status()).toBe(200)
  const text = await response.text()
  expect(text).not.toContain(shared.token)
  const { entries } = JSON.parse(text) as { entries: { event: string; actor: string | null; reason: string | null; at: number; bytes: number | null; status: number | null }[] }

  expect(entries[0]).toMatchObject({ event: 'create', actor: people.alice.email })
  expect(entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ event: 'open', actor: people.bob.email }),
      expect.objectContaining({ event: 'download', actor: people.bob.email, bytes: shared.bytes.length, status: 200 }),
      expect.objectContaining({ event: 'denied', actor: people.eve.email, reason: 'not-in-organisation' }),
      expect.objectContaining({ event: 'revoke', actor: people.alice.email }),
      expect.objectContaining({ event: 'denied', actor: people.bob.email, reason: 'revoked' }),
    ]),
  )
  // The download was counted once: preview reads and a later Range are checked, not counted.
  expect(entries.filter((entry) => entry.event === 'download')).toHaveLength(1)
  const times = entries.map((entry) => entry.at)
  expect(times).toEqual([...times].sort((a, b) => a - b))
  expect(entries.findIndex((entry) => entry.event === 'revoke')).toBeLessThan(entries.findIndex((entry) => entry.event === 'denied' && entry.reason === 'revoked'))

  expect((await bob.request.get(`/api/shares/${shared.id}/audit`)).status()).toBe(404)

  // On My links, the same trail, one click away.
  const page = await alice.newPage()
  await page.goto('/shares')
  const row = page.locator(`[data-testid=share-row][data-link-id="${shared.id}"]`)
  await row.getByRole('button', { name: 'Activity' }).click()
  const trail = row.getByTestId('audit-entry')
  await expect(trail.first()).toBeVisible()
  await expect(trail).toHaveCount(entries.length)
  await expect(row.locator('[data-event=revoke]')).toContainText(people.alice.email)
  await expect(row.locator('[data-event=download]')).toContainText(people.bob.email)
  await expect(row).not.toContainText(shared.token)
  await page.close()

  // T3.1 in the app's own database: no token in the file or its write-ahead log.
  const target = parseDatabaseUrl(databaseUrl)
  if (target.dialect === 'sqlite') {
    for (const file of [target.path, `${target.path}-wal`]) {
      let contents: Buffer
      try {
        contents = readFileSync(file)
      } catch {
        continue
      }
      expect(contents.includes(shared.token), file).toBe(false)
    }
  }
})

test('alice shares a whole run; bob sees its files, previews one and downloads the zip', async () => {
  const page = await alice.newPage()
  await openLatestRun(page, 'Purchase Conversion')
  const files = await page.getByTestId('file-row').count()
  await page.getByRole('button', { name: 'Share run' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share a download link' })
  await dialog.getByLabel('Link expires after').selectOption('1')
  await dialog.getByRole('button', { name: 'Create link' }).click()
  const url = await dialog.getByTestId('share-url').inputValue()
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/)
  await page.close()

  const bobPage = await bob.newPage()
  await bobPage.goto(url)
  await expect(bobPage).toHaveURL(/\/share\/l\/[A-Za-z0-9_-]{16}$/)
  const id = bobPage.url().split('/').pop() ?? ''
  await expect(bobPage.getByTestId('shared-file-row')).toHaveCount(files)
  await expect(bobPage.locator('[data-testid=score-row]').first()).toBeVisible({ timeout: 30_000 })

  const zip = await bobPage.request.get(`/api/shares/${id}/zip`)
  expect(zip.status()).toBe(200)
  expectShareHeaders(zip)
  const body = await zip.body()
  expect(body.length).toBe(Number(zip.headers()['x-file-size']))
  expect(body.subarray(0, 2).toString('latin1')).toBe('PK')
  // A part of another run is not reachable through this link.
  const outside = await bobPage.request.get(`/api/shares/${id}/file?dataSetFileId=${encodeURIComponent(shared.part.dataSetFileId)}&path=${encodeURIComponent(shared.part.name)}`)
  expect(outside.status()).toBe(404)
  await bobPage.close()
})
