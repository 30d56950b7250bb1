import { type Page, expect } from '@playwright/test'
import { type Person, people } from '../support/env'

/** The whole OIDC flow a person goes through: our sign-in page, the identity provider's form, and back. */
export async function signInThroughProvider(page: Page, person: Person, startAt = '/'): Promise<void> {
  await page.goto(startAt)
  await expect(page).toHaveURL(/\/signin/)
  await page.getByRole('button', { name: 'Sign in with Adobe' }).click()
  await page.getByLabel('Email').fill(people[person].email)
  await page.getByLabel('Password').fill(people[person].password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
