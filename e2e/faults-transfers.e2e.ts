import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { fileBytesFromAdobe } from './support/adobe'
import { appUrl, storageStateOf } from './support/env'
import { aliceCookie, calls, curl, downloadHref, downloadLink, healthyAgain, isBrowserResume, largest, latestRun, partPath, sandboxList } from './support/faults'
import { clearRequestLog, requestLog, setFaults } from './support/simulator'

// Adobe misbehaving, through the running app, as alice (reliability.md §4, T4.2/T4.3): what the person sees, how
// many calls reach Adobe, and that nothing false is shown. Fault rules are the simulator's (simulator/README.md).
// Timings asserted here are the adapter's own timeouts (lib/aep/options.ts: headers 15 s, body idle 30 s).

test.use({ storageState: storageStateOf('alice') })

test.afterEach(async ({ request }) => healthyAgain(request))

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
