import type { Page } from 'playwright-core'

/**
 * The first key in web mode asks how keys are kept; tests that are not about that answer
 * "this session only" (as before the question existed). Call right after the click that adds a key.
 */
export async function answerVaultChoice(
  page: Page,
  answer: 'session' | { passphrase: string } = 'session'
): Promise<void> {
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

/** Adds a key in the Keys view, as a user does (answering the first-key question when it comes). */
export async function addKey(
  page: Page,
  name: string,
  material: string,
  answer: Parameters<typeof answerVaultChoice>[1] = 'session'
): Promise<void> {
  await page.getByRole('button', { name: 'Keys', exact: true }).click()
  await page.getByLabel('Key name').fill(name)
  await page.getByLabel('Key material').fill(material)
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await answerVaultChoice(page, answer)
  await page.getByTestId('keys-table').getByText(name, { exact: true }).waitFor()
}

/** Adds an endpoint bound to one key in the Endpoints view. */
export async function addEndpoint(
  page: Page,
  name: string,
  prefix: string,
  scheme: string,
  keyName: string
): Promise<void> {
  await page.getByRole('button', { name: 'Endpoints', exact: true }).click()
  await page.getByLabel('Endpoint name').fill(name)
  await page.getByLabel('Path prefix').fill(prefix)
  await page.getByLabel('Endpoint scheme').selectOption(scheme)
  await page.getByTestId('endpoints-view').getByLabel(keyName).check()
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  await page.getByTestId('endpoints-table').getByText(prefix, { exact: true }).waitFor()
}
