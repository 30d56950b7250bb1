// Helpers of the share-link suites (e2e/shares*.e2e.ts).
import { type APIResponse, type Page, expect } from '@playwright/test'
import { openDatabase } from '../../lib/db/migrate'
import { createShareStore } from '../../lib/shares/store'
import { appUrl } from './env'

export const databaseUrl = process.env.E2E_DATABASE_URL ?? 'file:.data/e2e.sqlite'

export interface Part {
  dataSetFileId: string
  name: string
}

export function partOf(href: string): Part {
  const url = new URL(href, appUrl)
  return { dataSetFileId: decodeURIComponent(url.pathname.split('/').pop() ?? ''), name: url.searchParams.get('path') ?? '' }
}

export async function openLatestRun(page: Page, instance: string): Promise<void> {
  await page.goto('/sandboxes/prod')
  await page.getByRole('link', { name: instance, exact: true }).click()
  await page.getByRole('link', { name: 'Open the latest successful run' }).click()
  await expect(page.getByTestId('file-row').first()).toBeVisible()
}

export type WithHeaders = APIResponse | { headers(): Record<string, string>; url(): string }

/** The three headers every share page, the landing redirect and the shared bytes carry (reliability.md §3.5). */
export function expectShareHeaders(response: WithHeaders): void {
  const headers = response.headers()
  expect(headers['referrer-policy'], response.url()).toBe('no-referrer')
  expect(headers['cache-control'], response.url()).toContain('no-store')
  expect(headers['x-robots-tag'], response.url()).toBe('noindex')
}

export async function withStore<T>(clock: () => number, work: (store: ReturnType<typeof createShareStore>) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseUrl)
  try {
    return await work(createShareStore(database, clock))
  } finally {
    await database.close()
  }
}

export async function unavailableText(page: Page): Promise<string> {
  return ((await page.getByRole('main').textContent()) ?? '').trim()
}

