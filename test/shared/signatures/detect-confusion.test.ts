import { describe, expect, it } from 'vitest'
import { detect, PROVIDER_SCHEMES, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { TEMPLATES } from '@shared/templates/templates'
import { keysFor } from '../../helpers/scheme-keys'
import { request } from './helpers'
import { adyenNotification } from '../../helpers/adyen'

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0)

/**
 * What a real delivery of each provider carries besides its signature, where several providers sign
 * with the same header name: the header or body shape that tells them apart.
 */
const SHAPE: Record<string, { body?: string; headers?: [string, string][] }> = {
  github: { headers: [['X-GitHub-Event', 'push']] },
  bitbucket: { headers: [['X-Event-Key', 'repo:push']] },
  jira: { headers: [['X-Atlassian-Webhook-Identifier', '1']], body: '{"webhookEvent":"jira:issue_created"}' },
  meta: { body: '{"object":"page","entry":[{"id":"1"}]}' },
  'meta-sha1': { body: '{"object":"page","entry":[{"id":"1"}]}' },
  'modern-treasury': { headers: [['X-Topic', 'payment_order']] },
  gocardless: { body: '{"events":[{"id":"EV1","resource_type":"payments"}]}' },
  airwallex: { body: '{"account_id":"acct_1","name":"payment_intent.succeeded"}' },
  flexport: { body: '{"_object":"/api/event","type":"/shipment_milestone#created","data":{}}' },
  tebex: { body: '{"id":"1f4c9e","type":"payment.completed","subject":{"transaction_id":"tbx-26fd"}}' },
  'microsoft-teams': { body: '{"type":"message","channelData":{"teamsChannelId":"19:1"}}' },
  clio: { body: '{"data":{"id":152},"meta":{"event":"created","webhook_id":1234}}' },
  bigcommerce: { body: '{"producer":"stores/abc123","scope":"store/order/created","data":{"type":"order","id":250}}' },
  'paypro-global': {
    body: 'ORDER_ID=12345&ORDER_STATUS=Processed&ORDER_TOTAL_AMOUNT=49.99&CUSTOMER_EMAIL=a%40b.test&TEST_MODE=0&IPN_TYPE_NAME=OrderCharged',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']]
  },
  'exact-online': { body: '{"Content":{"Topic":"SalesInvoices","Division":1234567},"HashCode":""}' },
  quoter: {
    body: 'timestamp=1765097970&data=%7B%22id%22%3A%22quot_2Kq%22%7D',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']]
  },
  'trubit-velafi': { body: '{"eventType":"ORDER_WEBHOOK"}' },
  sns: {
    body: JSON.stringify({
      Type: 'Notification',
      MessageId: 'm1',
      TopicArn: 'arn:aws:sns:us-east-1:1:t',
      Message: 'hi',
      SignatureVersion: '2'
    }),
    headers: [['x-amz-sns-message-type', 'Notification']]
  },
  mailchimp: { body: 'mandrill_events=%5B%5D', headers: [['Content-Type', 'application/x-www-form-urlencoded']] },
  adyen: { body: JSON.stringify(adyenNotification([['8535296650153317', 1000]])) },
  alipay: {
    body: 'notify_id=ac05099524730693a8b330c5ecf72da9786&notify_type=trade_status_sync&out_trade_no=6823789339978248&trade_status=TRADE_SUCCESS&sign_type=RSA2',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']]
  }
}

/**
 * Variants of one provider that a delivery cannot tell apart by itself: detection offers them side
 * by side (the same top score) and the endpoint's choice — or HubSpot's version header at check time — decides.
 */
const FAMILIES = [
  ['apsdai', 'apsdai-password'],
  ['hubspot', 'hubspot-v1', 'hubspot-v2']
]
const family = (id: string): string[] => FAMILIES.find((f) => f.includes(id)) ?? [id]

/** One signed delivery per provider scheme: its template's body when there is one, else its shape. */
async function delivery(s: SchemeDefinition) {
  const t = TEMPLATES.find((x) => x.scheme === s.id)
  const shape = SHAPE[s.id] ?? {}
  const body = shape.body ?? t?.body ?? '{"id":"evt_1","type":"test"}'
  const headers: [string, string][] = [
    ...(t?.headers ?? [['Content-Type', 'application/json']]),
    ...(shape.headers ?? [])
  ]
  const { signing, verifying } = keysFor(s, new Uint8Array([7, 1, 2, 3, 4, 5, 6, 8]))
  const params = Object.fromEntries((s.params ?? []).map((p) => [p, `${p}-value`]))
  // A header the signed content names and the template does not carry (a nonce, an app id) is given one.
  for (let tries = 0; ; tries++) {
    try {
      const signed = await sign(
        request({ body, headers, url: `https://hooks.example.test${t?.path ?? '/hook'}` }),
        signing,
        s,
        {
          now: NOW,
          params
        }
      )
      return { req: signed.request, verifying, params }
    } catch (err) {
      const missing = /no (\S+) header/.exec((err as Error).message)?.[1]
      if (!missing || tries > 5) throw err
      headers.push([missing, `${missing.toLowerCase()}-1`])
    }
  }
}

describe('detection stays right as the list grows', () => {
  it('every provider scheme is ranked first for a delivery of its own (the confusion table lists any that is not)', async () => {
    const confusions: string[] = []
    let checked = 0
    for (const s of PROVIDER_SCHEMES) {
      // Schemes that detect nothing by themselves (chosen by their endpoint) are not ranked.
      if (!s.detect) continue
      const { req, verifying, params } = await delivery(s)
      // The delivery is a real one: the scheme itself accepts it.
      expect((await verify(req, [verifying], s, { now: NOW, params })).valid, s.id).toBe(true)
      const ranked = detect(req)
      checked++
      const top = ranked.filter((d) => d.score === ranked[0]?.score).map((d) => d.scheme)
      const right = ranked[0]?.scheme === s.id || (top.includes(s.id) && top.every((id) => family(s.id).includes(id)))
      if (!right)
        confusions.push(
          `${s.id} → ${
            ranked
              .slice(0, 3)
              .map((d) => `${d.scheme} (${d.score})`)
              .join(', ') || 'nothing'
          }`
        )
    }
    process.stdout.write(
      `[detect] ${checked} provider schemes, ${confusions.length} ranked another first${confusions.length ? ':\n  ' + confusions.join('\n  ') : ''}\n`
    )
    expect(confusions).toEqual([])
  })
})
