import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { guessLimit, guessReasons, guessWindowMs } from '../lib/shares/rules'
import { signInThroughProvider } from './pages/sign-in'
import { appUrl, people, storageStateOf } from './support/env'
import { expectShareHeaders, openLatestRun, partOf, withStore } from './support/shares'

// reliability.md T3.6: one person trying token after token is refused with 429 after the limit, even for a real
// link, and a browser is told why in words. Carol signs in only here, so nobody else's attempts are refused.

test('a person trying random tokens is rate-limited after the limit, even for a real link', async ({ browser }) => {
  const alice = await browser.newContext({ storageState: storageStateOf('alice') })
  const page = await alice.newPage()
  await openLatestRun(page, 'Purchase Conversion')
  const part = partOf((await page.getByTestId('file-row').first().getByRole('link', { name: 'Download' }).getAttribute('href')) ?? '')
  const created = await alice.request.post('/api/shares', {
    headers: { origin: appUrl, 'content-type': 'application/json' },
    data: JSON.stringify({ sandbox: 'prod', dataSetFileId: part.dataSetFileId, path: part.name, expiresInDays: 1 }),
  })
  expect(created.status()).toBe(201)
  const { url } = (await created.json()) as { url: string }
  await alice.close()

  const carol = await browser.newContext()
  const carolPage = await carol.newPage()
  await signInThroughProvider(carolPage, 'carol')
  await expect(carolPage.getByTestId('signed-in-user')).toContainText(people.carol.email)

  // Guesses carol made in an earlier run within the window still count (the e2e database persists between local
  // runs); some may leave the window while this test runs, hence a range. On a fresh database both ends are the limit.
  const earlierGuesses = await withStore(Date.now, async (store) =>
    (await store.audit(null)).filter((entry) => entry.actor === people.carol.email && guessReasons.some((r) => r === entry.reason)),
  )
  const stillCounting = (from: number) => earlierGuesses.filter((entry) => entry.at > from - guessWindowMs).length
  const fewest = Math.max(0, guessLimit - stillCounting(Date.now()))
  const most = Math.max(0, guessLimit - stillCounting(Date.now() + 60_000))

  // Bounded: at most the limit plus ten attempts, one after another, on loopback.
  const statuses: number[] = []
  let limited: Awaited<ReturnType<typeof carol.request.get>> | undefined
  for (let i = 0; i < guessLimit + 10 && !limited; i++) {
    const response = await carol.request.get(`/share/${randomBytes(32).toString('base64url')}`, { maxRedirects: 0, headers: { accept: 'application/json' } })
    statuses.push(response.status())
    if (response.status() === 429) limited = response
  }
  const firstLimited = statuses.indexOf(429)
  expect(firstLimited).toBeGreaterThanOrEqual(fewest)
  expect(firstLimited).toBeLessThanOrEqual(most)
  expect(statuses.slice(0, firstLimited).every((status) => status === 404)).toBe(true)
  if (!limited) throw new Error('never rate-limited')
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0)
  expect(((await limited.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'rate_limited:share', message: expect.stringContaining('Try again') })
  expectShareHeaders(limited)

  // The real link is refused too while the window lasts, and the browser lands on a page that says why.
  await carolPage.goto(url)
  await expect(carolPage).toHaveURL(/\/share\/too-many$/)
  await expect(carolPage.getByTestId('share-too-many')).toContainText('Too many share links that open nothing')
  await carol.close()
})
