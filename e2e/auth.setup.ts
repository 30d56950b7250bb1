import { expect, test as setup } from '@playwright/test'
import { signInThroughProvider } from './pages/sign-in'
import { type Person, people, storageStateOf } from './support/env'

// Sign in once per person through the real flow and keep the session for the other tests.
for (const person of ['alice', 'bob'] as const satisfies Person[]) {
  setup(`sign in as ${person}`, async ({ page }) => {
    await signInThroughProvider(page, person)
    await expect(page.getByTestId('signed-in-user')).toContainText(people[person].email)
    await page.context().storageState({ path: storageStateOf(person) })
  })
}
