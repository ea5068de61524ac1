import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { createSign } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HookscopeCore } from '@main/services/core'
import type { Download } from '@main/services/capture'
import { WebHost } from '@main/api/web/web-host'
import { launchChromium } from '../helpers/browser'
import { paypalDelivery, selfSignedCertificate } from '../helpers/certificates'
import { ROOT } from '../helpers/host-process'
import { suiteDir } from '../helpers/tmp'

// The certificate a PayPal delivery names, fetched from the verify panel on the user's click. The core
// runs in this process so its downloads can be served here: no request leaves the machine.
const NOW = Date.UTC(2026, 11, 7, 9, 0, 0)
const WEBHOOK_ID = '9XL90610J3647323C'
const CERT_URL = 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fc2c1e5a-a1e9a6ce'

let browser: Browser
let core: HookscopeCore
let web: WebHost
let privatePem = ''
let certPem = ''
const asked: string[] = []
const SUBSCRIPTION_ARN = 'arn:aws:sns:us-west-2:123456789012:orders:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55'
const download: Download = async (url) => {
  asked.push(url)
  // SNS answers a visited SubscribeURL with a ConfirmSubscriptionResponse; everything else here is the certificate.
  const body = url.includes('Action=ConfirmSubscription')
    ? `<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>${SUBSCRIPTION_ARN}</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>`
    : certPem
  return { status: 200, body: new TextEncoder().encode(body) }
}

beforeAll(async () => {
  ;({ pem: certPem, privatePem } = await selfSignedCertificate(NOW - 30 * 86_400_000, NOW + 300 * 86_400_000))
  core = new HookscopeCore({ dataDir: suiteDir(), listen: { port: 0 }, now: () => NOW, download })
  await core.start()
  web = new WebHost({ methods: core.methods, events: core.events, rendererDir: join(ROOT, 'out/renderer'), port: 0 })
  await web.start()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await web?.stop()
  await core?.close()
})

async function deliver(path: string, certUrl: string): Promise<void> {
  const { body, headers } = paypalDelivery(privatePem, certUrl, WEBHOOK_ID)
  expect((await fetch(`${core.status().url}${path}`, { method: 'POST', body, headers })).status).toBe(200)
}

describe('verify panel: the signing certificate fetched on request', () => {
  it('capture first, then fetch the certificate it names: kept in Keys, the delivery checks valid; a look-alike host is refused unasked', async () => {
    await core.methods.saveEndpoint({
      name: 'PayPal',
      pathPrefix: '/paypal',
      scheme: 'paypal',
      keyIds: [],
      reply: { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0 },
      params: { webhookId: WEBHOOK_ID }
    })
    await deliver('/paypal/orders', CERT_URL)
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage()
    await page.goto(web.openUrl)
    await page.locator('[data-capture-id]').filter({ hasText: '/paypal/orders' }).first().click()
    const panel = page.getByTestId('verify-panel')
    const button = panel.getByRole('button', { name: 'Fetch the certificate from api.paypal.com' })
    await button.waitFor()
    // Nothing is fetched until the click.
    expect(asked).toEqual([])
    await button.click()
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toMatch(/^Kept in Keys: CN=messageverificationcerts\.paypal\.com, valid to/)
    expect(asked).toEqual([CERT_URL])
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    expect((await core.methods.listKeys()).map((k) => k.name)).toEqual([`PayPal certificate ${CERT_URL}`])
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({
        path: join(ROOT, 'docs', scheme === 'light' ? 'certificate-fetch.png' : 'certificate-fetch-dark.png')
      })
    }

    await deliver('/paypal/lookalike', 'https://api.paypal.com.evil.test/certs/x.pem')
    await page.locator('[data-capture-id]').filter({ hasText: '/paypal/lookalike' }).first().click()
    await expect
      .poll(() => page.getByTestId('certificate-refused').textContent())
      .toBe(
        "Certificate: PAYPAL-CERT-URL points at api.paypal.com.evil.test, not one of PayPal's hosts (api.paypal.com, api-m.paypal.com, api.sandbox.paypal.com, api-m.sandbox.paypal.com): not fetched."
      )
    expect(await page.getByRole('button', { name: /Fetch the certificate/ }).count()).toBe(0)
    expect(asked).toEqual([CERT_URL])
    await page.context().close()
  })

  it('an SNS SubscriptionConfirmation: fetch its certificate, see it valid, then confirm the subscription on SNS', async () => {
    const region = 'https://sns.us-west-2.amazonaws.com'
    const message: Record<string, string> = {
      Type: 'SubscriptionConfirmation',
      MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
      Token: '2336412f37fb687f5d51e6e2425c464de12884ebfdc5a4e5f6e6a8bd',
      TopicArn: 'arn:aws:sns:us-west-2:123456789012:orders',
      Message: 'You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:orders.',
      SubscribeURL: `${region}/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:orders&Token=2336412f37fb687f5d51e6e2425c464de12884ebfdc5a4e5f6e6a8bd`,
      Timestamp: '2026-12-07T08:59:50.000Z',
      SignatureVersion: '2',
      SigningCertURL: `${region}/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem`
    }
    const signed = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']
      .map((k) => `${k}\n${message[k]}\n`)
      .join('')
    const body = JSON.stringify({
      ...message,
      Signature: createSign('RSA-SHA256').update(signed).sign(privatePem, 'base64')
    })
    const headers = {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'SubscriptionConfirmation',
      'x-amz-sns-topic-arn': message.TopicArn!
    }
    const snsRes = await fetch(`${core.status().url}/sns/orders`, { method: 'POST', body, headers })
    expect(snsRes.status).toBe(200)
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage()
    await page.goto(web.openUrl)
    await page.locator('[data-capture-id]').filter({ hasText: '/sns/orders' }).first().click()
    const panel = page.getByTestId('verify-panel')
    const confirm = panel.getByRole('button', { name: 'Confirm the subscription at sns.us-west-2.amazonaws.com' })
    await confirm.waitFor()
    // Not before the signature checked valid.
    expect(await confirm.isDisabled()).toBe(true)
    await panel.getByRole('button', { name: 'Fetch the certificate from sns.us-west-2.amazonaws.com' }).click()
    await expect.poll(() => page.getByTestId('verify-badge').textContent()).toBe('valid')
    await expect.poll(() => confirm.isDisabled()).toBe(false)
    const before = asked.length
    await confirm.click()
    await expect
      .poll(() => panel.getByTestId('subscription').getByRole('status').textContent())
      .toBe(`Confirmed: ${SUBSCRIPTION_ARN}`)
    expect(asked.slice(before)).toEqual([message.SubscribeURL])
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({
        path: join(ROOT, 'docs', scheme === 'light' ? 'sns-subscription.png' : 'sns-subscription-dark.png')
      })
    }
    await page.context().close()
  })
})
