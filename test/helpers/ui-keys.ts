import type { Page } from 'playwright-core'

/**
 * The first key in web mode asks how keys are kept; tests that are not about that answer
 * "this session only" (as before the question existed). Call right after the click that adds a key.
 */
export async function answerVaultChoice(page: Page, answer: 'session' | { passphrase: string } = 'session'): Promise<void> {
  const choice = page.getByTestId('vault-choice')
  if (!(await choice.isVisible())) return
  if (answer === 'session') {
    await choice.getByRole('button', { name: 'This session only' }).click()
  } else {
    await choice.getByLabel('New passphrase').fill(answer.passphrase)
    await choice.getByLabel('Repeat passphrase').fill(answer.passphrase)
    await choice.getByRole('button', { name: 'Keep with passphrase' }).click()
  }
  await choice.waitFor({ state: 'detached' })
}
