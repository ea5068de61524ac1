import {
  constants,
  createHash,
  createHmac,
  createSign,
  createVerify,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify
} from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { detect, getScheme, sign, verify } from '@shared/signatures'
import { request } from './helpers'

// The peers' long tail (schemes/long-tail.ts): each delivery is built here by the provider's
// documented recipe with Node's own crypto; the scheme must accept it, refuse it with one byte of the
// body changed, and auto-detection must rank the scheme first.
const NOW = Date.UTC(2026, 11, 7, 9, 0, 0)
const SECS = String(Math.floor(NOW / 1000) - 30)
const URL_AS_REGISTERED = 'https://hooks.example.test/tail'

interface Case {
  id: string
  body: string
  key: string
  headers: (body: string) => [string, string][]
  url?: string
}

const mac = (alg: string, key: string | Buffer, data: string, enc: 'hex' | 'base64') =>
  createHmac(alg, key).update(data).digest(enc)

const CASES: Case[] = [
  {
    id: 'oura',
    body: '{"event_type":"update","data_type":"daily_sleep","object_id":"sleep-9","event_time":"2026-12-07T08:59:00Z","user_id":"u-1"}',
    key: 'oura-client-secret',
    headers: (b) => [
      ['x-oura-timestamp', SECS],
      ['x-oura-signature', mac('sha256', 'oura-client-secret', SECS + b, 'hex').toUpperCase()]
    ]
  },
  {
    id: 'linkedin',
    body: '{"type":"LEAD_ACTION","notificationId":720413,"leadGenFormResponse":"urn:li:leadGenFormResponse:1"}',
    key: 'li-client-secret',
    headers: (b) => [['X-LI-Signature', mac('sha256', 'li-client-secret', 'hmacsha256=' + b, 'hex')]]
  },
  {
    id: 'clio',
    body: '{"data":{"id":152,"etag":"\\"9a103be2\\""},"meta":{"event":"created","webhook_id":1234}}',
    key: 'clio-shared-secret',
    headers: (b) => [['X-Hook-Signature', mac('sha256', 'clio-shared-secret', b, 'hex')]]
  },
  {
    id: 'bigcommerce',
    body: '{"created_at":1765097970,"store_id":"1025646","producer":"stores/abc123","scope":"store/order/created","hash":"dd70c0","data":{"type":"order","id":250}}',
    key: 'bc-app-client-secret',
    headers: (b) => [
      ['webhook-id', 'msg_2Xk9'],
      ['webhook-timestamp', SECS],
      ['webhook-signature', `v1,${mac('sha256', 'bc-app-client-secret', `msg_2Xk9.${SECS}.${b}`, 'base64')}`]
    ]
  },
  {
    id: 'paypro-global',
    body:
      'ORDER_ID=12345&ORDER_STATUS=Processed&ORDER_TOTAL_AMOUNT=49.99&CUSTOMER_EMAIL=buyer%40example.test&TEST_MODE=0' +
      '&IPN_TYPE_NAME=OrderCharged&SIGNATURE=' +
      createHash('sha256')
        .update('12345Processed49.99buyer@example.testpaypro-validation-key0OrderCharged')
        .digest('hex'),
    key: 'paypro-validation-key',
    headers: () => []
  },
  {
    id: 'quoter',
    body:
      `timestamp=${SECS}&data=${encodeURIComponent('{"id":"quot_2Kq","status":"accepted"}')}&hash=` +
      createHash('md5').update(`quoter-hash-key${SECS}{"id":"quot_2Kq","status":"accepted"}`).digest('hex'),
    key: 'quoter-hash-key',
    headers: () => []
  },
  {
    id: 'exact-online',
    body: (() => {
      const content =
        '{"Topic":"SalesInvoices","ClientId":"a1b2c3d4-0000-4000-8000-000000000001","Division":1234567,"Action":"Update","Key":"f7e6d5c4-0000-4000-8000-000000000002"}'
      return `{"Content":${content},"HashCode":"${mac('sha256', 'exact-webhook-secret', content, 'hex').toUpperCase()}"}`
    })(),
    key: 'exact-webhook-secret',
    headers: () => []
  },
  {
    id: 'omise',
    body: '{"object":"event","id":"evnt_test_5h2m","key":"charge.complete","data":{"object":"charge","id":"chrg_test_5h2m","amount":100000,"currency":"thb"}}',
    key: Buffer.from('omise-webhook-secret-bytes').toString('base64'),
    headers: (b) => [
      ['Omise-Signature-Timestamp', SECS],
      ['Omise-Signature', mac('sha256', Buffer.from('omise-webhook-secret-bytes'), `${SECS}.${b}`, 'hex')]
    ]
  },
  {
    id: 'smile',
    body: '{"id":"evt_9f2","type":"INCOMES_ADDED","version":1,"data":{"userId":"u-41","accountId":"acc-7"}}',
    key: 'smile-endpoint-secret',
    headers: (b) => [['Smile-Signature', mac('sha512', 'smile-endpoint-secret', b, 'hex')]]
  },
  {
    id: 'nmi',
    body: '{"event_id":"2e1a1f5a","event_type":"transaction.sale.success","event_body":{"transaction_id":"7738129"}}',
    key: 'nmi-signing-key',
    headers: (b) => [
      ['Webhook-Signature', `t=8f3a9c71d2e4,s=${mac('sha256', 'nmi-signing-key', `8f3a9c71d2e4.${b}`, 'hex')}`]
    ]
  },
  {
    id: 'mongodb-atlas',
    body: '{"id":"5f2b0c1a","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","status":"OPEN","metricName":"CONNECTIONS"}',
    key: 'atlas-webhook-secret',
    headers: (b) => [
      ['X-MMS-Event', 'alert.open'],
      ['X-MMS-Signature', mac('sha1', 'atlas-webhook-secret', b, 'base64')]
    ]
  },
  {
    id: 'autodesk',
    body: '{"version":"1.0","resourceUrn":"urn:adsk.wipprod:fs.file:vf.7a1b","hook":{"event":"dm.version.added"},"payload":{"name":"plan.dwg"}}',
    key: 'aps-secret-token-0123456789abcdef0123',
    headers: (b) => [['x-adsk-signature', 'sha1hash=' + mac('sha1', 'aps-secret-token-0123456789abcdef0123', b, 'hex')]]
  },
  {
    id: 'bridge-api',
    body: '{"content":{"item_id":9781,"user_uuid":"b6f0-4c1a","full_refresh":false},"timestamp":1765097970,"type":"item.refreshed"}',
    key: 'bridge-signing-secret-new',
    // Two signatures while a secret is replaced, the new one second, and an ignored scheme.
    headers: (b) => [
      [
        'BridgeApi-Signature',
        `v0=ignored,v1=${mac('sha256', 'bridge-signing-secret-old', b, 'hex').toUpperCase()},` +
          `v1=${mac('sha256', 'bridge-signing-secret-new', b, 'hex').toUpperCase()}`
      ]
    ]
  },
  {
    id: 'aftership',
    body: '{"event":"tracking_update","event_id":"5f7c","is_tracking_first_tag":false,"msg":{"id":"kd8f","tag":"InTransit"},"ts":1765097970}',
    key: 'aftership-webhook-secret',
    headers: (b) => [['aftership-hmac-sha256', mac('sha256', 'aftership-webhook-secret', b, 'base64')]]
  },
  {
    id: 'aftership-returns',
    body: '{"event":"return.approved","data":{"return":{"id":"r-77","rma_number":"RMA-1001"}}}',
    key: 'aftership-returns-secret',
    headers: (b) => [['as-signature-hmac-sha256', mac('sha256', 'aftership-returns-secret', b, 'base64')]]
  },
  {
    id: 'aftership-shipping',
    body: '{"event":"create_a_label","data":{"id":"lbl-3","status":"created"}}',
    key: 'postmen-webhook-secret',
    headers: (b) => [['am-webhook-signature', 'hmac-sha256=' + mac('sha256', 'postmen-webhook-secret', b, 'base64')]]
  },
  {
    id: 'upollo',
    body: '{"type":"EVENT_TYPE_LOGIN","userId":"u-88","outcome":"OUTCOME_PERMIT"}',
    key: 'upollo-webhook-secret',
    headers: (b) => [['Upollo-Signature', `t:${SECS},s0:${mac('sha512', 'upollo-webhook-secret', b, 'hex')}`]]
  },
  {
    id: 'shopline',
    body: '{"id":5501,"name":"#1001","financial_status":"paid"}',
    key: 'shopline-app-secret',
    headers: (b) => [
      ['X-Shopline-Topic', 'orders/create'],
      ['X-Shopline-Hmac-Sha256', mac('sha256', 'shopline-app-secret', b, 'base64')]
    ]
  },
  {
    id: 'flexport',
    body: '{"_object":"/api/event","type":"/shipment_milestone#created","created_at":"2026-12-07T09:00:00Z","data":{"_object":"/shipment_event"}}',
    key: 'flexport-secret-token',
    headers: (b) => [
      ['X-Hub-Signature', `sha1=${mac('sha1', 'flexport-secret-token', b, 'hex')}`],
      ['X-Hub-Signature-256', `sha256=${mac('sha256', 'flexport-secret-token', b, 'hex')}`]
    ]
  },
  {
    id: 'praxis',
    body: '{"merchant_id":"API-Acme","application_key":"Acme Shop","conversion_rate":null,"customer":{"customer_token":"87cfb23a"},"session":{"order_id":"ord-1"},"transaction":{"tid":4781,"currency":"EUR","amount":1000,"conversion_rate":1.5,"processed_currency":"USD","processed_amount":1500},"version":"1.3","timestamp":1765097970}',
    key: 'praxis-merchant-secret',
    headers: () => [
      [
        'GT-Authentication',
        createHash('sha384')
          .update('API-AcmeAcme Shop176509797087cfb23aord-14781EUR10001.5USD1500praxis-merchant-secret')
          .digest('hex')
      ]
    ]
  },
  {
    id: 'solidgate',
    body: '{"id":"c4f1","type":"card_gate.order.updated","order":{"order_id":"ord-27","status":"approved"}}',
    key: 'wh_sk_7a1c9e0b',
    headers: (b) => [
      ['merchant', 'wh_pk_3d5f2a81'],
      [
        'signature',
        Buffer.from(mac('sha512', 'wh_sk_7a1c9e0b', `wh_pk_3d5f2a81${b}wh_pk_3d5f2a81`, 'hex')).toString('base64')
      ]
    ]
  },
  {
    id: 'favro',
    body: '{"payloadId":"p_7Yq2","hook":{"hookId":"h1","name":"cards","url":"https://hooks.example.test/favro"},"action":"created","card":{"cardId":"c9"}}',
    key: 'favro-webhook-secret',
    headers: () => [
      ['X-Favro-Webhook', mac('sha1', 'favro-webhook-secret', 'p_7Yq2https://hooks.example.test/favro', 'base64')]
    ]
  },
  {
    id: 'zerohash',
    body: '{"participant_code":"ABC123","payment_status":"settled","payment_id":"pay-88"}',
    key: 'zerohash-token',
    headers: (b) => [
      ['x-zh-hook-payload-type', 'payment_status_changed'],
      ['x-zh-hook-signature-256', mac('sha256', 'zerohash-token', b, 'hex')]
    ]
  },
  {
    id: 'synctera',
    body: '{"id":"6a1f2c3d-0b1e-4c7e-9d7a-1b2c3d4e5f60","type":"ACCOUNT.UPDATED","url":"https://hooks.example.test/tail"}',
    key: 'synctera-webhook-secret',
    headers: (b) => [
      ['Request-Timestamp', SECS],
      ['Synctera-Signature', mac('sha256', 'synctera-webhook-secret', `${SECS}.${b}`, 'hex')]
    ]
  },
  {
    id: 'tebex',
    body: '{"webhook_id":"b8a1","id":"1f4c9e","type":"payment.completed","date":"2026-12-07T09:00:00+00:00","subject":{"transaction_id":"tbx-26fd"}}',
    key: 'tebex-webhook-secret',
    headers: (b) => [
      ['X-Signature', mac('sha256', 'tebex-webhook-secret', createHash('sha256').update(b).digest('hex'), 'hex')]
    ]
  },
  {
    id: 'recharge',
    body: '{"subscription":{"id":27123,"status":"ACTIVE","product_title":"Coffee beans"}}',
    key: 'recharge-client-secret',
    headers: (b) => [
      ['X-Recharge-Topic', 'subscription/created'],
      ['X-Recharge-Hmac-Sha256', createHash('sha256').update(`recharge-client-secret${b}`).digest('hex')]
    ]
  },
  {
    id: 'pylon',
    body: '{"event_type":"issue.created","issue":{"id":"iss_8cd1","title":"Login fails"}}',
    key: 'pylon-destination-secret',
    headers: (b) => [['X-Pylon-Signature', mac('sha256', 'pylon-destination-secret', b, 'hex')]]
  },
  {
    id: 'buildkite',
    body: '{"event":"build.finished","build":{"id":"f62a1b4d","state":"passed"}}',
    key: 'buildkite-webhook-token',
    headers: (b) => [
      ['X-Buildkite-Event', 'build.finished'],
      [
        'X-Buildkite-Signature',
        `timestamp=${SECS},signature=${mac('sha256', 'buildkite-webhook-token', `${SECS}.${b}`, 'hex')}`
      ]
    ]
  },
  {
    id: 'launchdarkly',
    body: '{"kind":"flag","titleVerb":"changed the default value of","name":"new-checkout"}',
    key: 'ld-secret',
    headers: (b) => [['X-LD-Signature', mac('sha256', 'ld-secret', b, 'hex')]]
  },
  {
    id: 'tiktok',
    body: '{"client_key":"aw8x","event":"video.publish.completed","create_time":1765097970,"user_openid":"act.x","content":"{}"}',
    key: 'tiktok-client-secret',
    headers: (b) => [
      ['TikTok-Signature', `t=${SECS},s=${mac('sha256', 'tiktok-client-secret', `${SECS}.${b}`, 'hex')}`]
    ]
  },
  {
    id: 'alchemy',
    body: '{"webhookId":"wh_octjglnywaupz6th","id":"whevt_ogrc5v64myey69ux","type":"ADDRESS_ACTIVITY","event":{"network":"ETH_MAINNET"}}',
    key: 'whsec_alchemy-signing-key',
    headers: (b) => [['X-Alchemy-Signature', mac('sha256', 'whsec_alchemy-signing-key', b, 'hex')]]
  },
  {
    id: 'webex',
    body: '{"id":"Y2lzY29zcGFyazovL3VzL1dFQkhPT0s","resource":"messages","event":"created","data":{"roomId":"Y2lz"}}',
    key: 'webex-webhook-secret',
    headers: (b) => [['X-Spark-Signature', mac('sha1', 'webex-webhook-secret', b, 'hex')]]
  },
  {
    id: 'bolt',
    body: '{"type":"payment","object":"transaction","data":{"reference":"LBLJ-TWW7-R9VC"}}',
    key: 'bolt-signing-secret',
    headers: (b) => [['X-Bolt-Hmac-Sha256', mac('sha256', 'bolt-signing-secret', b, 'base64')]]
  },
  {
    id: 'frameio',
    body: '{"type":"asset.created","resource":{"type":"file","id":"f3e8d1"},"account":{"id":"a1"}}',
    key: 'frameio-webhook-secret',
    headers: (b) => [
      ['X-Frameio-Request-Timestamp', SECS],
      ['X-Frameio-Signature', `v0=${mac('sha256', 'frameio-webhook-secret', `v0:${SECS}:${b}`, 'hex')}`]
    ]
  },
  {
    id: 'castle',
    body: '{"api_version":"v1","app_id":"492","type":"$incident.confirmed","created_at":"2026-12-07T08:59:30Z","data":{}}',
    key: 'castle-api-secret',
    headers: (b) => [['X-Castle-Signature', mac('sha256', 'castle-api-secret', b, 'base64')]]
  },
  {
    id: 'sonatype',
    body: '{"timestamp":"2026-12-07T08:59:30.000+0000","nodeId":"7FFA7361","initiator":"admin/127.0.0.1","audit":{"domain":"security.user"}}',
    key: 'nexus-secret-key',
    headers: (b) => [['X-Nexus-Webhook-Signature', mac('sha1', 'nexus-secret-key', b, 'hex')]]
  },
  {
    id: 'trello',
    body: '{"action":{"type":"updateCard","data":{"card":{"id":"5a9"}}},"model":{"id":"4d5"}}',
    key: 'trello-app-secret',
    url: URL_AS_REGISTERED,
    headers: (b) => [['X-Trello-Webhook', mac('sha1', 'trello-app-secret', b + URL_AS_REGISTERED, 'base64')]]
  },
  {
    id: 'airtable',
    body: '{"base":{"id":"appA1"},"webhook":{"id":"achW1"},"timestamp":"2026-12-07T08:59:30.000Z"}',
    // Airtable hands out the MAC secret base64-encoded; the key is its decoded bytes.
    key: Buffer.from('airtable-mac-secret-bytes').toString('base64'),
    headers: (b) => [
      ['X-Airtable-Content-MAC', `hmac-sha256=${mac('sha256', Buffer.from('airtable-mac-secret-bytes'), b, 'hex')}`]
    ]
  },
  {
    id: 'fastspring',
    body: '{"events":[{"id":"6e9","live":false,"processed":false,"type":"order.completed","data":{}}]}',
    key: 'fs-hmac-secret',
    headers: (b) => [['X-FS-Signature', mac('sha256', 'fs-hmac-secret', b, 'base64')]]
  },
  {
    id: 'nylas',
    body: '{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime","id":"mock-id","data":{"object":{}}}',
    key: 'nylas-webhook-secret',
    headers: (b) => [['X-Nylas-Signature', mac('sha256', 'nylas-webhook-secret', b, 'hex')]]
  },
  {
    id: 'persona',
    body: '{"data":{"type":"event","id":"evt_Xz","attributes":{"name":"inquiry.completed","payload":{}}}}',
    key: 'wbhsec_persona',
    headers: (b) => [['Persona-Signature', `t=${SECS},v1=${mac('sha256', 'wbhsec_persona', `${SECS}.${b}`, 'hex')}`]]
  }
]

CASES.push(
  {
    id: 'commercelayer',
    body: '{"data":{"id":"wBXVhKzrnq","type":"orders","attributes":{"status":"placed"}}}',
    key: 'cl-shared-secret',
    headers: (b) => [
      ['X-CommerceLayer-Topic', 'orders.place'],
      ['X-CommerceLayer-Signature', mac('sha256', 'cl-shared-secret', b, 'base64')]
    ]
  },
  {
    id: 'courier',
    body: '{"type":"message:updated","data":{"id":"1-65c2b6f2","status":"DELIVERED"}}',
    key: 'courier-signing-secret',
    headers: (b) => [
      ['courier-signature', `t=${SECS},signature=${mac('sha256', 'courier-signing-secret', `${SECS}.${b}`, 'hex')}`]
    ]
  },
  {
    id: 'frontapp',
    body: '{"type":"inbound_received","payload":{"id":"evt_55c8c149"}}',
    key: 'front-app-signing-key',
    headers: (b) => [
      ['X-Front-Request-Timestamp', String(NOW - 30_000)],
      ['X-Front-Signature', mac('sha256', 'front-app-signing-key', `${NOW - 30_000}:${b}`, 'base64')]
    ]
  },
  {
    id: 'nuvemshop',
    body: '{"store_id":1234567,"event":"order/paid","id":1410795987}',
    key: 'nuvemshop-client-secret',
    headers: (b) => [['x-linkedstore-hmac-sha256', mac('sha256', 'nuvemshop-client-secret', b, 'hex')]]
  },
  {
    id: 'picqer',
    body: '{"idhook":1234,"name":"Orders completed","event":"orders.completed","data":{"idorder":55}}',
    key: 'picqer-hook-secret',
    headers: (b) => [['X-Picqer-Signature', mac('sha256', 'picqer-hook-secret', b, 'base64')]]
  },
  {
    id: 'akeneo',
    body: '{"events":[{"action":"product.created","event_id":"ba3bb8b7","event_datetime":"2026-12-07T08:59:30+00:00"}]}',
    key: 'akeneo-connection-secret',
    headers: (b) => [
      ['x-akeneo-request-timestamp', SECS],
      ['x-akeneo-request-signature', mac('sha256', 'akeneo-connection-secret', `${SECS}.${b}`, 'hex')]
    ]
  },
  {
    id: 'tally',
    body: '{"eventId":"a4cb511e","eventType":"FORM_RESPONSE","createdAt":"2026-12-07T08:59:30.000Z","data":{"fields":[]}}',
    key: 'tally-signing-secret',
    headers: (b) => [['Tally-Signature', mac('sha256', 'tally-signing-secret', b, 'base64')]]
  },
  {
    id: 'cursor',
    body: '{"event":"statusChange","id":"bc_abc123","status":"FINISHED"}',
    key: 'cursor-webhook-secret',
    headers: (b) => [
      ['X-Webhook-ID', 'msg_01'],
      ['X-Webhook-Event', 'statusChange'],
      ['X-Webhook-Signature', `sha256=${mac('sha256', 'cursor-webhook-secret', b, 'hex')}`]
    ]
  },
  {
    id: 'faundit',
    body: '{"type":"item-status","data":{"itemId":"it_8812","status":"delivered"}}',
    key: 'faundit-signing-secret',
    headers: (b) => [
      ['X-Faundit-Timestamp', SECS],
      ['X-Faundit-Signature-Next', mac('sha256', 'faundit-signing-secret', `v1:${SECS}:${b}`, 'hex')]
    ]
  },
  {
    id: 'enode',
    body: '[{"event":"user:vehicle:updated","createdAt":"2026-12-07T08:59:30.000Z","user":{"id":"u1"}}]',
    key: 'enode-webhook-secret-128bits',
    headers: (b) => [['x-enode-signature', `sha1=${mac('sha1', 'enode-webhook-secret-128bits', b, 'hex')}`]]
  }
)

/** One byte of a signed value changed: the first JSON string's first letter, or a form body's first value's. */
const tamper = (body: string): string =>
  body.includes('"')
    ? body.replace(/"(\w)/, (_, c: string) => `"${c === 'z' ? 'y' : 'z'}`)
    : body.replace(/=(\w)/, (_, c: string) => `=${c === 'z' ? 'y' : 'z'}`)

describe('schemes of the peers’ long tail, from the providers’ docs', () => {
  for (const c of CASES) {
    it(`${c.id}: a delivery built by the documented recipe verifies, one changed byte does not, and it is detected first`, async () => {
      const scheme = getScheme(c.id)!
      expect(scheme.evidence).toBe('docs')
      expect(scheme.docs).toMatch(/^https:\/\//)
      const req = request({
        body: c.body,
        headers: [['Content-Type', 'application/json'], ...c.headers(c.body)],
        url: c.url
      })
      const ok = await verify(req, [{ material: c.key }], scheme, { now: NOW, params: {} })
      expect([ok.valid, ok.reason]).toEqual([true, null])
      const changed = request({
        body: tamper(c.body),
        headers: [['Content-Type', 'application/json'], ...c.headers(c.body)],
        url: c.url
      })
      expect((await verify(changed, [{ material: c.key }], scheme, { now: NOW, params: {} })).valid).toBe(false)
      expect(detect(req)[0]?.scheme).toBe(c.id)
    })
  }

  it('persona: during a secret roll the header carries two space-separated sets; either secret verifies', async () => {
    const body = CASES.find((c) => c.id === 'persona')!.body
    const sig = (key: string) => `t=${SECS},v1=${mac('sha256', key, `${SECS}.${body}`, 'hex')}`
    const header = `${sig('wbhsec_new')} ${sig('wbhsec_old')}`
    for (const key of ['wbhsec_new', 'wbhsec_old']) {
      const r = await verify(
        request({ body, headers: [['Persona-Signature', header]] }),
        [{ material: key }],
        getScheme('persona')!,
        {
          now: NOW,
          params: {}
        }
      )
      expect(r.valid).toBe(true)
    }
  })

  it('trello: the callback URL is part of what is signed — another URL does not verify', async () => {
    const c = CASES.find((x) => x.id === 'trello')!
    const r = await verify(
      request({ body: c.body, headers: c.headers(c.body), url: 'https://elsewhere.example.test/tail' }),
      [{ material: c.key }],
      getScheme('trello')!,
      { now: NOW, params: {} }
    )
    expect(r.valid).toBe(false)
  })

  it('frame.io: a timestamp older than five minutes is refused even with the right signature', async () => {
    const body = CASES.find((c) => c.id === 'frameio')!.body
    const old = String(Math.floor(NOW / 1000) - 600)
    const r = await verify(
      request({
        body,
        headers: [
          ['X-Frameio-Request-Timestamp', old],
          ['X-Frameio-Signature', `v0=${mac('sha256', 'frameio-webhook-secret', `v0:${old}:${body}`, 'hex')}`]
        ]
      }),
      [{ material: 'frameio-webhook-secret' }],
      getScheme('frameio')!,
      { now: NOW, params: {} }
    )
    expect(r.valid).toBe(false)
  })

  it('bridge-xyz: t (ms) and v0 (base64 RSA SHA-256 of t + "." + body), checked with the public key; another key and a changed body fail', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const body =
      '{"api_version":"v0","event_id":"wh_tgGWhJ7GWAhD3BDwL6pFuV","event_category":"customer","event_type":"customer.updated"}'
    const t = String(NOW - 20_000)
    const v0 = createSign('RSA-SHA256').update(`${t}.${body}`).sign(privateKey, 'base64')
    const headers: [string, string][] = [['X-Webhook-Signature', `t=${t},v0=${v0}`]]
    const pem = (k: typeof publicKey) => k.export({ type: 'spki', format: 'pem' }) as string
    const check = async (b: string, key: string) =>
      (
        await verify(request({ body: b, headers }), [{ material: key }], getScheme('bridge-xyz')!, {
          now: NOW,
          params: {}
        })
      ).valid
    expect(await check(body, pem(publicKey))).toBe(true)
    expect(await check(body.replace('updated', 'created'), pem(publicKey))).toBe(false)
    expect(await check(body, pem(other.publicKey))).toBe(false)
    expect(detect(request({ body, headers }))[0]?.scheme).toBe('bridge-xyz')
  })
  it('synctera: during a secret rotation the header holds two signatures joined by "."; either secret verifies', async () => {
    const c = CASES.find((x) => x.id === 'synctera')!
    const sig = (key: string) => mac('sha256', key, `${SECS}.${c.body}`, 'hex')
    const headers: [string, string][] = [
      ['Request-Timestamp', SECS],
      ['Synctera-Signature', `${sig('new-secret')}.${sig('old-secret')}`]
    ]
    for (const key of ['new-secret', 'old-secret']) {
      const r = await verify(request({ body: c.body, headers }), [{ material: key }], getScheme('synctera')!, {
        now: NOW,
        params: {}
      })
      expect(r.valid).toBe(true)
    }
  })

  it('nmi: the nonce in t= is signed — another nonce, or none, does not verify; signing writes t= and s=', async () => {
    const c = CASES.find((x) => x.id === 'nmi')!
    const scheme = getScheme('nmi')!
    const check = (header: string) =>
      verify(request({ body: c.body, headers: [['Webhook-Signature', header]] }), [{ material: c.key }], scheme, {
        now: NOW,
        params: {}
      })
    const s = mac('sha256', c.key, `8f3a9c71d2e4.${c.body}`, 'hex')
    expect((await check(`t=8f3a9c71d2e5,s=${s}`)).valid).toBe(false)
    const none = await check(`s=${s}`)
    expect([none.valid, none.reason]).toEqual([false, 'missing-id'])
    expect(none.message).toContain('t= in the signature')
    const signed = await sign(request({ body: c.body }), { material: c.key }, scheme, { now: NOW, id: 'n0nce42' })
    const header = signed.request.headers.find(([n]) => n === 'Webhook-Signature')?.[1]
    expect(header).toBe(`t=n0nce42,s=${mac('sha256', c.key, `n0nce42.${c.body}`, 'hex')}`)
  })

  it('omise: while a secret rolls the header carries two comma-separated signatures; either secret verifies', async () => {
    const c = CASES.find((x) => x.id === 'omise')!
    const sig = (raw: string) => mac('sha256', Buffer.from(raw), `${SECS}.${c.body}`, 'hex')
    const headers: [string, string][] = [
      ['Omise-Signature-Timestamp', SECS],
      ['Omise-Signature', `${sig('new-secret-bytes')},${sig('old-secret-bytes')}`]
    ]
    for (const raw of ['new-secret-bytes', 'old-secret-bytes']) {
      const key = Buffer.from(raw).toString('base64')
      const r = await verify(request({ body: c.body, headers }), [{ material: key }], getScheme('omise')!, {
        now: NOW,
        params: {}
      })
      expect(r.valid).toBe(true)
    }
  })

  it('fusionauth: a JWT (HS256) whose request_body_sha256 is the body hash; a changed body, a forged JWT or another key fail, each with its reason', async () => {
    const key = 'fusionauth-hmac-signing-key'
    const body = '{"event":{"type":"user.create","id":"e-1","user":{"id":"u-9","email":"jane@example.test"}}}'
    const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url')
    const jwt = (claims: object, k = key) => {
      const input = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(claims))}`
      return `${input}.${createHmac('sha256', k).update(input).digest('base64url')}`
    }
    const claim = { request_body_sha256: createHash('sha256').update(body).digest('base64'), iat: 1765097970 }
    const scheme = getScheme('fusionauth')!
    const check = (b: string, token: string, material = key) =>
      verify(request({ body: b, headers: [['X-FusionAuth-Signature-JWT', token]] }), [{ material }], scheme, {
        now: NOW,
        params: {}
      })
    const ok = await check(body, jwt(claim))
    expect([ok.valid, ok.reason, ok.bodyCovered]).toEqual([true, null, true])
    expect((await check(body.replace('u-9', 'u-8'), jwt(claim))).reason).toBe('body-digest-mismatch')
    // A JWT re-made for the changed body without the key does not verify.
    const changed = body.replace('u-9', 'u-8')
    const forged = jwt({ request_body_sha256: createHash('sha256').update(changed).digest('base64') }, 'guess')
    expect((await check(changed, forged)).reason).toBe('signature-mismatch')
    expect((await check(body, jwt(claim), 'another-key')).valid).toBe(false)
    expect(detect(request({ body, headers: [['X-FusionAuth-Signature-JWT', jwt(claim)]] }))[0]?.scheme).toBe(
      'fusionauth'
    )
    // Signing makes the JWT FusionAuth would send: verified by Node's own HMAC.
    const signed = await sign(request({ body }), { material: key }, scheme, { now: NOW })
    const token = signed.request.headers.find(([n]) => n === 'X-FusionAuth-Signature-JWT')![1]
    const [h, p, sig] = token.split('.')
    expect(sig).toBe(createHmac('sha256', key).update(`${h}.${p}`).digest('base64url'))
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toEqual({
      request_body_sha256: claim.request_body_sha256
    })
  })

  it('tokenio: an Ed25519 signature of the body (base64url) verifies with the raw public key and its JWK; a changed body or another key does not', async () => {
    const pair = generateKeyPairSync('ed25519')
    const other = generateKeyPairSync('ed25519')
    const body = '{"payment":{"id":"pm:3kQ","status":"INITIATION_COMPLETED","bankPaymentStatus":"ACCP"}}'
    const headers: [string, string][] = [
      ['token-event', 'PAYMENT_STATUS_CHANGED'],
      ['token-signature', cryptoSign(null, Buffer.from(body), pair.privateKey).toString('base64url')]
    ]
    const jwk = pair.publicKey.export({ format: 'jwk' })
    const check = async (b: string, material: string) =>
      (await verify(request({ body: b, headers }), [{ material }], getScheme('tokenio')!, { now: NOW, params: {} }))
        .valid
    expect(await check(body, jwk.x!)).toBe(true)
    expect(await check(body, JSON.stringify(jwk))).toBe(true)
    expect(await check(body.replace('ACCP', 'RJCT'), jwk.x!)).toBe(false)
    expect(await check(body, other.publicKey.export({ format: 'jwk' }).x!)).toBe(false)
    expect(detect(request({ body, headers }))[0]?.scheme).toBe('tokenio')
  })

  it('utila: RSA-PSS SHA-512 of the body verifies whether salted with 64 bytes or the most the key allows; another salt, body or key does not', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096 })
    const other = generateKeyPairSync('rsa', { modulusLength: 4096 })
    const body = '{"id":"ev-71","vault":"vaults/1","type":"TRANSACTION_CREATED","resource":"vaults/1/transactions/9"}'
    const pss = (saltLength: number, b = body, key = privateKey) =>
      cryptoSign('sha512', Buffer.from(b), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }).toString(
        'base64'
      )
    const pem = (k: typeof publicKey) => k.export({ type: 'spki', format: 'pem' }) as string
    const check = async (sig: string, b = body, key = publicKey) =>
      (
        await verify(
          request({ body: b, headers: [['x-utila-signature', sig]] }),
          [{ material: pem(key) }],
          getScheme('utila')!,
          {
            now: NOW,
            params: {}
          }
        )
      ).valid
    expect(await check(pss(64))).toBe(true)
    expect(await check(pss(constants.RSA_PSS_SALTLEN_MAX_SIGN))).toBe(true)
    expect(await check(pss(20))).toBe(false)
    expect(await check(pss(64), body.replace('ev-71', 'ev-72'))).toBe(false)
    expect(await check(pss(64), body, other.publicKey)).toBe(false)
    expect(detect(request({ body, headers: [['x-utila-signature', pss(64)]] }))[0]?.scheme).toBe('utila')
    // What Hookscope signs, Node's verify (salt read from the signature) accepts.
    const signed = await sign(
      request({ body }),
      { material: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
      getScheme('utila')!,
      { now: NOW }
    )
    const sig = Buffer.from(signed.request.headers.find(([n]) => n === 'x-utila-signature')![1], 'base64')
    expect(
      cryptoVerify(
        'sha512',
        Buffer.from(body),
        { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        sig
      )
    ).toBe(true)
  })

  it('ebay: ECDSA P-256 over SHA-1 of the body, its DER signature inside base64 JSON; a changed body or another key fails; what Hookscope signs Node verifies', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const body =
      '{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION","schemaVersion":"1.0"},"notification":{"notificationId":"49feeaeb","data":{"username":"test_user","userId":"ma8vp1jySJC"}}}'
    const header = (b: string, key = pair.privateKey) =>
      Buffer.from(
        JSON.stringify({
          alg: 'ecdsa',
          kid: '99345a76-4a41-4b0a-9ff5-4a2e4f1ea4b0',
          signature: createSign('sha1').update(b).sign(key, 'base64'),
          digest: 'SHA1'
        })
      ).toString('base64')
    const spki = (k: typeof pair.publicKey) => k.export({ type: 'spki', format: 'pem' }) as string
    const scheme = getScheme('ebay')!
    const check = async (b: string, sig: string, key = pair.publicKey) =>
      (
        await verify(request({ body: b, headers: [['X-EBAY-SIGNATURE', sig]] }), [{ material: spki(key) }], scheme, {
          now: NOW,
          params: {}
        })
      ).valid
    expect(await check(body, header(body))).toBe(true)
    expect(await check(body.replace('test_user', 'test_usez'), header(body))).toBe(false)
    expect(await check(body, header(body), other.publicKey)).toBe(false)
    expect(detect(request({ body, headers: [['X-EBAY-SIGNATURE', header(body)]] }))[0]?.scheme).toBe('ebay')
    const signed = await sign(
      request({ body }),
      { material: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
      scheme,
      { now: NOW }
    )
    const sent = JSON.parse(
      Buffer.from(signed.request.headers.find(([n]) => n === 'X-EBAY-SIGNATURE')![1], 'base64').toString()
    )
    expect([sent.alg, sent.digest]).toEqual(['ecdsa', 'SHA1'])
    expect(createVerify('sha1').update(body).verify(pair.publicKey, sent.signature, 'base64')).toBe(true)
  })

  it('tebex: an HMAC of the raw body (not of its hash) does not verify', async () => {
    const c = CASES.find((x) => x.id === 'tebex')!
    const r = await verify(
      request({ body: c.body, headers: [['X-Signature', mac('sha256', c.key, c.body, 'hex')]] }),
      [{ material: c.key }],
      getScheme('tebex')!,
      { now: NOW, params: {} }
    )
    expect(r.valid).toBe(false)
  })

  it('recharge: an HMAC with the secret as key (not a hash with the secret in front) does not verify', async () => {
    const c = CASES.find((x) => x.id === 'recharge')!
    const r = await verify(
      request({ body: c.body, headers: [['X-Recharge-Hmac-Sha256', mac('sha256', c.key, c.body, 'hex')]] }),
      [{ material: c.key }],
      getScheme('recharge')!,
      { now: NOW, params: {} }
    )
    expect(r.valid).toBe(false)
  })
  it('favro: only payloadId and hook.url are signed — a changed card still verifies, and the verdict says what is covered', async () => {
    const c = CASES.find((x) => x.id === 'favro')!
    const changed = c.body.replace('"cardId":"c9"', '"cardId":"c8"')
    const r = await verify(
      request({ body: changed, headers: c.headers(changed) }),
      [{ material: c.key }],
      getScheme('favro')!,
      {
        now: NOW,
        params: {}
      }
    )
    expect(r.valid).toBe(true)
    expect(r.message).toContain('Only these body fields are signed: payloadId, hook.url')
  })

  it('solidgate: base64 of the raw digest (not of its hex text) does not verify', async () => {
    const c = CASES.find((x) => x.id === 'solidgate')!
    const raw = createHmac('sha512', c.key).update(`wh_pk_3d5f2a81${c.body}wh_pk_3d5f2a81`).digest('base64')
    const r = await verify(
      request({
        body: c.body,
        headers: [
          ['merchant', 'wh_pk_3d5f2a81'],
          ['signature', raw]
        ]
      }),
      [{ material: c.key }],
      getScheme('solidgate')!,
      { now: NOW, params: {} }
    )
    expect(r.valid).toBe(false)
  })
  describe('asymmetric schemes, checked with the public key (a delivery signed with a generated key pair)', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const spki = (k: typeof rsa.publicKey) => k.export({ type: 'spki', format: 'pem' }) as string
    const cases: { id: string; header: string; hash: string; key: typeof rsa; body: string }[] = [
      {
        id: 'fireblocks',
        header: 'Fireblocks-Signature',
        hash: 'RSA-SHA512',
        key: rsa,
        body: '{"type":"TRANSACTION_STATUS_UPDATED","data":{"id":"tx-9"}}'
      },
      {
        id: 'coinbase',
        header: 'CB-SIGNATURE',
        hash: 'RSA-SHA256',
        key: rsa,
        body: '{"id":"6bf0ca21","type":"wallet:addresses:new-payment"}'
      },
      {
        id: 'circle',
        header: 'X-Circle-Signature',
        hash: 'SHA256',
        key: ec,
        body: '{"subscriptionId":"00000000","notificationType":"transfers"}'
      }
    ]
    for (const c of cases) {
      it(`${c.id}: verifies with the public key; a changed body, or another key, does not; detected first`, async () => {
        const sig = createSign(c.hash).update(c.body).sign(c.key.privateKey, 'base64')
        const headers: [string, string][] = [
          [c.header, sig],
          ...(c.id === 'circle' ? ([['X-Circle-Key-Id', '879dc113']] as [string, string][]) : [])
        ]
        const check = async (b: string, key: string) =>
          (await verify(request({ body: b, headers }), [{ material: key }], getScheme(c.id)!, { now: NOW, params: {} }))
            .valid
        expect(await check(c.body, spki(c.key.publicKey))).toBe(true)
        expect(await check(tamper(c.body), spki(c.key.publicKey))).toBe(false)
        if (c.key === rsa) expect(await check(c.body, spki(other.publicKey))).toBe(false)
        expect(detect(request({ body: c.body, headers }))[0]?.scheme).toBe(c.id)
      })
    }

    it('circle: the key as Circle serves it (base64 DER, no PEM armour) verifies', async () => {
      const body = cases[2]!.body
      const sig = createSign('SHA256').update(body).sign(ec.privateKey, 'base64')
      const der = (ec.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')
      const r = await verify(
        request({ body, headers: [['X-Circle-Signature', sig]] }),
        [{ material: der }],
        getScheme('circle')!,
        {
          now: NOW,
          params: {}
        }
      )
      expect(r.valid).toBe(true)
    })
  })
  it('praxis: a null field is left out of the signed string (as Praxis documents)', async () => {
    const body =
      '{"merchant_id":"API-Acme","application_key":"Acme Shop","customer":{"customer_token":"87cfb23a"},"session":{"order_id":"ord-2"},' +
      '"transaction":{"tid":4782,"currency":"EUR","amount":500,"conversion_rate":null,"processed_currency":null,"processed_amount":null},"timestamp":1765097971}'
    const sig = createHash('sha384')
      .update('API-AcmeAcme Shop176509797187cfb23aord-24782EUR500praxis-merchant-secret')
      .digest('hex')
    const r = await verify(
      request({ body, headers: [['GT-Authentication', sig]] }),
      [{ material: 'praxis-merchant-secret' }],
      getScheme('praxis')!,
      {
        now: NOW,
        params: {}
      }
    )
    expect(r.valid).toBe(true)
  })
  it('treezor: the signature is a body field over object_payload re-encoded as Treezor documents ("\\/", \\u00e9); a changed payload fails', async () => {
    const secret = 'treezor-webhook-secret'
    const payload = {
      payins: [{ payinId: '37', walletId: '12', comment: 'Loyer été', returnUrl: 'https://app.example.test/ok' }]
    }
    // Treezor's own JS recipe: JSON.stringify, "/" → "\/", each character outside \x20-\x7F → \uXXXX.
    const encoded = JSON.stringify(payload)
      .replace(/\//g, '\\/')
      .replace(/[^\x20-\x7F]/g, (x) => '\\u' + ('000' + x.codePointAt(0)!.toString(16)).slice(-4))
    const signature = createHmac('sha256', secret).update(encoded).digest('base64')
    const body = JSON.stringify({
      webhook: 'payin.update',
      object: 'payin',
      object_payload: payload,
      object_payload_signature: signature
    })
    const check = async (b: string) =>
      (await verify(request({ body: b }), [{ material: secret }], getScheme('treezor')!, { now: NOW, params: {} }))
        .valid
    expect(await check(body)).toBe(true)
    expect(await check(body.replace('Loyer', 'Loyez'))).toBe(false)
    // Without the re-encoding (the plain JSON text), the HMAC does not match.
    const plain = createHmac('sha256', secret).update(JSON.stringify(payload)).digest('base64')
    expect(await check(body.replace(signature, plain))).toBe(false)
    expect(detect(request({ body }))[0]?.scheme).toBe('treezor')
  })
})
