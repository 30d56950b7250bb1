import { readFileSync } from 'node:fs'
import { type Page, expect, test } from '@playwright/test'
import { fileBytesFromAdobe } from './support/adobe'
import { duckdbRows, withLocalCopy } from './support/duckdb'
import { storageStateOf } from './support/env'

test.use({ storageState: storageStateOf('alice') })

const score = '_acmeinc.CustomerAI.churnPrediction.score'

interface Target {
  href: string
  local: string
  numRows: number
}

let target: Target

/** The biggest part of Churn Prediction's latest successful run (the ~300,000-row file), and a local copy for DuckDB. */
async function openBiggestFile(page: Page): Promise<Target> {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: 'Churn Prediction', exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  const preview = page.getByTestId('file-row').first().getByRole('link', { name: 'Preview' })
  const href = (await preview.getAttribute('href')) ?? ''
  const url = new URL(href, 'http://x')
  const bytes = await fileBytesFromAdobe('prod', decodeURIComponent(url.pathname.split('/').pop() ?? ''), url.searchParams.get('path') ?? '')
  const local = await withLocalCopy(bytes)
  const [count] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${local}')`)
  return { href, local, numRows: Number(count?.n) }
}

async function duckRow(rowNumber: number): Promise<{ identity: string; score: number }> {
  const [row] = await duckdbRows(
    `SELECT identityMap['ECID'][1].id AS identity, ${score} AS score FROM read_parquet('${target.local}', file_row_number = true) WHERE file_row_number = ${rowNumber}`,
  )
  return { identity: String(row?.identity), score: Number(row?.score) }
}

async function shownRow(page: Page, fileRow: number) {
  const row = page.locator(`[data-testid=score-row][data-row-index="${fileRow}"]`)
  await expect(row).toBeVisible()
  return {
    identity: (await row.locator('[data-column=identity]').textContent())?.trim(),
    score: (await row.locator('[data-column=score]').textContent())?.trim(),
  }
}

test.beforeEach(async ({ page }) => {
  target ??= await openBiggestFile(page)
})

test('the first rows of a 300,000-row file show at once with DuckDB\'s values, reading a few percent of it', async ({ page }) => {
  expect(target.numRows).toBeGreaterThanOrEqual(300_000)
  await page.goto(target.href)
  for (const fileRow of [0, 1, 7]) {
    const expected = await duckRow(fileRow)
    expect(await shownRow(page, fileRow)).toEqual({ identity: expected.identity, score: expected.score.toFixed(2) })
  }
  const meter = (await page.getByTestId('bytes-meter').textContent()) ?? ''
  const percent = Number(/\(([\d.]+)%\)/.exec(meter)?.[1])
  expect(percent).toBeLessThanOrEqual(3)
})

test('jumping to row 250,000 shows DuckDB\'s row 250,000, and the address keeps it', async ({ page }) => {
  await page.goto(target.href)
  await expect(page.getByTestId('score-row').first()).toBeVisible()
  await page.getByLabel('Row number').fill('250000')
  await page.getByRole('button', { name: 'Go' }).click()
  const expected = await duckRow(250_000)
  expect(await shownRow(page, 250_000)).toEqual({ identity: expected.identity, score: expected.score.toFixed(2) })
  await expect(page).toHaveURL(/row=250000/)
  await page.reload()
  expect(await shownRow(page, 250_000)).toEqual({ identity: expected.identity, score: expected.score.toFixed(2) })
})

test('sorting by score puts the file\'s highest score first; the high bucket holds DuckDB\'s count', async ({ page }) => {
  await page.goto(target.href)
  await page.getByLabel('Sort').selectOption('desc')
  const [top] = await duckdbRows(`SELECT max(${score}) AS best FROM read_parquet('${target.local}')`)
  const firstShown = page.getByTestId('score-row').first()
  // Sorting reads the whole score column first: give it time on a busy two-core machine.
  await expect(firstShown.locator('[data-column=score]')).toHaveText(Number(top?.best).toFixed(2), { timeout: 60_000 })
  await expect(page).toHaveURL(/sort=score%3Adesc/)

  // The checkbox mirrors the address, which updates a moment after the click.
  await page.getByRole('checkbox', { name: 'High' }).click()
  await expect(page.getByRole('checkbox', { name: 'High' })).toBeChecked()
  const [high] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${target.local}') WHERE ${score} > 74`)
  await expect(page.getByTestId('view-count')).toHaveText(`${Number(high?.n).toLocaleString('en-US')} of ${target.numRows.toLocaleString('en-US')} rows`, { timeout: 60_000 })
})

test('the filtered, sorted slice exports as CSV matching DuckDB', async ({ page }) => {
  await page.goto(`${target.href}&sort=score:desc&bucket=high&cols=identity,score`)
  await expect(page.getByTestId('view-count')).toBeVisible()
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('button', { name: /Export .* rows as CSV/ }).click()
  const download = await downloadPromise
  expect(await download.failure()).toBeNull()
  const lines = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\r\n')
  expect(lines[0]).toBe('row,Identity,Score')
  const expected = await duckdbRows(
    `SELECT file_row_number AS row, identityMap['ECID'][1].id AS identity, ${score} AS score FROM read_parquet('${target.local}', file_row_number = true) WHERE ${score} > 74 ORDER BY score DESC, row ASC`,
  )
  expect(lines.length - 1).toBe(expected.length)
  for (const index of [0, 1, Math.floor(expected.length / 2), expected.length - 1]) {
    const row = expected[index]
    expect(lines[index + 1]).toBe(`${Number(row?.row)},${String(row?.identity)},${Number(row?.score)}`)
  }
})
