import { describe, expect, it } from 'vitest'
import type { Download } from '@main/services/capture'
import { paypalDelivery, selfSignedCertificate } from '../helpers/certificates'
import { coreSession } from '../helpers/core'

// Signing certificates fetched on the user's request: pinned hosts checked before any request, the
// answer checked (a certificate, valid now), kept in Keys and reused. Downloads are served here — no
// request leaves the machine.
const NOW = Date.UTC(2026, 11, 7, 9, 0, 0)
const DAY = 86_400_000

const certificate = selfSignedCertificate

const WEBHOOK_ID = '9XL90610J3647323C'
const CERT_URL = 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fc2c1e5a-a1e9a6ce'

const paypal = (privatePem: string, certUrl: string) => paypalDelivery(privatePem, certUrl, WEBHOOK_ID)

/** Serves `answer` for any URL and records what was asked. */
function server(answer: () => { status: number; body: Uint8Array }) {
  const asked: string[] = []
  const download: Download = async (url) => {
    asked.push(url)
    return answer()
  }
  return { asked, download }
}

describe('signing certificates fetched on request', () => {
  let serve: { status: number; body: Uint8Array } = { status: 404, body: new Uint8Array() }
  const fake = server(() => serve)
  const session = coreSession({ now: () => NOW, download: fake.download })

  async function captured(certUrl: string, privatePem: string) {
    const { c, url } = await session.start()
    await c.methods.saveEndpoint({
      name: 'PayPal',
      pathPrefix: '/paypal',
      scheme: 'paypal',
      keyIds: [],
      reply: { status: 200, headers: [], body: '', delayMs: 0, failureRate: 0 },
      params: { webhookId: WEBHOOK_ID }
    })
    const d = paypal(privatePem, certUrl)
    expect((await fetch(`${url}/paypal`, { method: 'POST', body: d.body, headers: d.headers })).status).toBe(200)
    const [row] = (await c.methods.listCaptures({})).items
    return { c, id: row!.id }
  }

  it('fetches the certificate a PayPal delivery names, keeps it in Keys, verifies with it, and reuses it', async () => {
    const cert = await certificate(NOW - 30 * DAY, NOW + 300 * DAY)
    serve = { status: 200, body: new TextEncoder().encode(cert.pem) }
    const { c, id } = await captured(CERT_URL, cert.privatePem)
    const before = fake.asked.length
    const got = await c.methods.fetchCertificate({ id, scheme: 'paypal' })
    expect([got.cached, got.url, got.key.kind, got.subject, got.validTo]).toEqual([
      false,
      CERT_URL,
      'public',
      'CN=messageverificationcerts.paypal.com',
      new Date(NOW + 300 * DAY).toISOString().slice(0, 10)
    ])
    expect(fake.asked.slice(before)).toEqual([CERT_URL])
    const r = await c.methods.verifyCapture(id, {
      scheme: 'paypal',
      keyIds: [got.key.id],
      params: { webhookId: WEBHOOK_ID }
    })
    expect([r?.valid, r?.reason]).toEqual([true, null])
    // The same URL again: the stored key, no request.
    const again = await c.methods.fetchCertificate({ id, scheme: 'paypal' })
    expect([again.cached, again.key.id]).toEqual([true, got.key.id])
    expect(fake.asked.length).toBe(before + 1)
    expect((await c.methods.listKeys()).filter((k) => k.id === got.key.id)).toHaveLength(1)
  })

  it('refuses, before any request, a URL off the pinned hosts, plain http, or with credentials', async () => {
    const cert = await certificate(NOW - DAY, NOW + DAY)
    for (const [url, said] of [
      ['https://api.paypal.com.evil.example/cert.pem', /not one of PayPal's hosts/],
      ['https://paypal.com.attacker.test/v1/notifications/certs/x', /not one of PayPal's hosts/],
      ['http://api.paypal.com/v1/notifications/certs/x', /not https/],
      ['https://user:pw@api.paypal.com/v1/notifications/certs/x', /credentials or a port/],
      ['https://api.paypal.com:8443/v1/notifications/certs/x', /credentials or a port/],
      ['not a url', /is not a URL/]
    ] as const) {
      const { c, id } = await captured(url, cert.privatePem)
      const before = fake.asked.length
      await expect(c.methods.fetchCertificate({ id, scheme: 'paypal' })).rejects.toThrow(said)
      expect(fake.asked.length).toBe(before)
    }
  })

  it('says why an answer is not usable: not a certificate, expired, not yet valid, an error status', async () => {
    const valid = await certificate(NOW - DAY, NOW + DAY)
    const expired = await certificate(NOW - 400 * DAY, NOW - 35 * DAY)
    const future = await certificate(NOW + 2 * DAY, NOW + 400 * DAY)
    const { c, id } = await captured(CERT_URL, valid.privatePem)
    for (const [answer, said] of [
      [{ status: 200, body: new TextEncoder().encode('<html>Not here</html>') }, /is not an X\.509 certificate/],
      [{ status: 200, body: new TextEncoder().encode(expired.pem) }, /expired on \d{4}-\d\d-\d\d/],
      [{ status: 200, body: new TextEncoder().encode(future.pem) }, /is not valid before/],
      [{ status: 404, body: new Uint8Array() }, /answered 404/]
    ] as const) {
      serve = answer
      await expect(c.methods.fetchCertificate({ id, scheme: 'paypal' })).rejects.toThrow(said)
    }
    // Nothing was kept from the refused answers.
    expect((await c.methods.listKeys()).length).toBe(0)
    // A scheme without a certificate says so.
    await expect(c.methods.fetchCertificate({ id, scheme: 'stripe' })).rejects.toThrow(/names no certificate/)
  })

  it('Amazon SNS: SigningCertURL on sns.<region>.amazonaws.com is fetched; a look-alike host is not', async () => {
    const cert = await certificate(NOW - DAY, NOW + 90 * DAY)
    serve = { status: 200, body: new TextEncoder().encode(cert.pem) }
    const { c, url } = await session.start()
    const post = async (certUrl: string) => {
      const body = JSON.stringify({
        Type: 'Notification',
        MessageId: 'da41e39f-ea4d-435a-b922-c6aae3915ebe',
        TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
        Message: 'hello',
        Timestamp: '2026-12-07T08:59:50.000Z',
        SignatureVersion: '1',
        Signature: 'c2lnbmF0dXJl',
        SigningCertURL: certUrl
      })
      await fetch(`${url}/sns`, { method: 'POST', body, headers: { 'x-amz-sns-message-type': 'Notification' } })
      return (await c.methods.listCaptures({})).items[0]!.id
    }
    const ok = await c.methods.fetchCertificate({
      id: await post('https://sns.us-west-2.amazonaws.com/SimpleNotificationService-9c6465fa.pem'),
      scheme: 'sns'
    })
    expect(ok.cached).toBe(false)
    await expect(
      c.methods.fetchCertificate({
        id: await post('https://sns.us-west-2.amazonaws.com.evil.test/x.pem'),
        scheme: 'sns'
      })
    ).rejects.toThrow(/not one of Amazon SNS's hosts/)
  })

  it('Amazon SNS: a SubscriptionConfirmation is confirmed on request at its SubscribeURL; other deliveries and other hosts are refused unasked', async () => {
    const { c, url } = await session.start()
    const post = async (fields: Record<string, string>) => {
      await fetch(`${url}/sns`, {
        method: 'POST',
        body: JSON.stringify({
          MessageId: 'm1',
          TopicArn: 'arn:aws:sns:us-west-2:1:t',
          Timestamp: '2026-12-07T08:59:50.000Z',
          ...fields
        }),
        headers: { 'x-amz-sns-message-type': fields.Type ?? 'Notification' }
      })
      return (await c.methods.listCaptures({})).items[0]!.id
    }
    const subscribe =
      'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:1:t&Token=tok'
    serve = {
      status: 200,
      body: new TextEncoder().encode(
        '<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:us-west-2:1:t:abc</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>'
      )
    }
    const before = fake.asked.length
    const id = await post({ Type: 'SubscriptionConfirmation', SubscribeURL: subscribe, Token: 'tok' })
    expect(await c.methods.confirmSubscription({ id, scheme: 'sns' })).toEqual({
      url: subscribe,
      subscriptionArn: 'arn:aws:sns:us-west-2:1:t:abc'
    })
    expect(fake.asked.slice(before)).toEqual([subscribe])
    const notification = await post({ Type: 'Notification', Message: 'hi' })
    await expect(c.methods.confirmSubscription({ id: notification, scheme: 'sns' })).rejects.toThrow(
      /is not a SubscriptionConfirmation \(Amazon SNS\)/
    )
    const lookalike = await post({
      Type: 'SubscriptionConfirmation',
      SubscribeURL: 'https://sns.us-west-2.amazonaws.com.evil.test/?Action=ConfirmSubscription'
    })
    await expect(c.methods.confirmSubscription({ id: lookalike, scheme: 'sns' })).rejects.toThrow(
      /not one of Amazon SNS's hosts/
    )
    expect(fake.asked.length).toBe(before + 1)
    serve = { status: 403, body: new TextEncoder().encode('<Error><Code>AuthorizationError</Code></Error>') }
    await expect(c.methods.confirmSubscription({ id, scheme: 'sns' })).rejects.toThrow(
      /answered 403: the subscription is not confirmed/
    )
  })
})
