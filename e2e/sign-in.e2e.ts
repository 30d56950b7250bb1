import { expect, test } from '@playwright/test'
import { signInThroughProvider } from './pages/sign-in'
import { people } from './support/env'

test.describe('signing in', () => {
  test('alice signs in through the provider form and sees the prod instances; dev shows its own', async ({ page }) => {
    await signInThroughProvider(page, 'alice')
    await expect(page).toHaveURL(/\/sandboxes\/prod$/)
    await expect(page.getByTestId('signed-in-user')).toContainText(people.alice.email)

    const rows = page.getByTestId('instance-row')
    await expect(rows.filter({ hasText: 'Churn Prediction' })).toHaveCount(1)
    await expect(rows.filter({ hasText: 'Purchase Conversion' })).toHaveCount(1)
    await expect(rows.filter({ hasText: 'Loyalty Churn Risk' })).toHaveCount(1)
    // Propensity types are read off the scores themselves; the failing instance's last run says so.
    await expect(rows.filter({ hasText: 'Churn Prediction' })).toContainText('Churn')
    await expect(rows.filter({ hasText: 'Purchase Conversion' })).toContainText('Conversion')
    await expect(rows.filter({ hasText: 'Loyalty Churn Risk' })).toContainText('Failed')
    await expect(rows.filter({ hasText: 'Churn Pilot' })).toHaveCount(0)

    await page.getByLabel('Sandbox').selectOption('dev')
    await expect(page).toHaveURL(/\/sandboxes\/dev$/)
    await expect(rows.filter({ hasText: 'Churn Pilot' })).toHaveCount(1)
    await expect(rows.filter({ hasText: 'Churn Prediction' })).toHaveCount(0)
  })

  test('a deep link survives sign-in: the person lands where the link pointed', async ({ page }) => {
    await signInThroughProvider(page, 'bob', '/sandboxes/dev')
    await expect(page).toHaveURL(/\/sandboxes\/dev$/)
    await expect(page.getByTestId('signed-in-user')).toContainText(people.bob.email)
  })

  test('eve, outside the organisation, is refused in words and gets no session', async ({ page, request }) => {
    await signInThroughProvider(page, 'eve')
    await expect(page).toHaveURL(/\/signin\?.*error=/)
    await expect(page.getByRole('alert').filter({ hasText: 'not part of this organisation' })).toBeVisible()
    const session = await page.context().request.get('/api/auth/session')
    expect(await session.json()).toEqual({})
    const api = await request.get('/api/sandboxes', { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })
    expect(api.status()).toBe(401)
  })

  test('a wrong password is answered by the provider and nobody is signed in', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in with Adobe' }).click()
    await page.getByLabel('Email').fill(people.alice.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByText('Wrong email or password.')).toBeVisible()
  })
})
