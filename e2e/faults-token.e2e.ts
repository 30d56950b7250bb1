import { type APIRequestContext, expect, test } from '@playwright/test'
import { storageStateOf } from './support/env'
import { calls, healthyAgain, imsToken, latestRun, problems, sandboxList } from './support/faults'
import { clearRequestLog, requestLog, setFaults } from './support/simulator'

// Adobe misbehaving, through the running app, as alice (reliability.md §4, T4.2/T4.3): what the person sees, how
// many calls reach Adobe, and that nothing false is shown. Fault rules are the simulator's (simulator/README.md).
// Timings asserted here are the adapter's own timeouts (lib/aep/options.ts: headers 15 s, body idle 30 s).

test.use({ storageState: storageStateOf('alice') })

test.afterEach(async ({ request }) => healthyAgain(request))

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
