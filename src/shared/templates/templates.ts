import type { RawHeaders } from '../model/capture'
import type { Registration } from './registration'
import { APSDAI_HOOKS } from './apsdai-hooks'

/** A realistic delivery to start from: headers and body as the provider sends them (unsigned). */
export interface Template {
  id: string
  name: string
  scheme: string
  method: string
  path: string
  headers: RawHeaders
  body: string
  /** A registration call: `path` is the API's, `scheme` is empty (the call itself is not signed). */
  registers?: Registration
}

const json = (o: unknown): string => JSON.stringify(o)
const JSON_CT: [string, string] = ['Content-Type', 'application/json']

/** Where registration templates point the provider until a public URL is known. */
export const RECEIVER = 'https://your-domain'

export const TEMPLATES: Template[] = [
  ...APSDAI_HOOKS.map(([hook, label, body]) => ({
    id: `apsdai-${hook.replace(/_hook$/, '').replace(/_/g, '-')}`,
    name: `APSDAI ${hook} (${label})`,
    scheme: 'apsdai',
    method: 'POST',
    path: '/apsdai/hooks',
    headers: [['User-Agent', 'apsdai-hook'], JSON_CT, ['X-Apsdai-Event', hook]] as RawHeaders,
    body: json({ event: hook, ...body })
  })),
  {
    id: 'trubit-order',
    name: 'TruBit ORDER_WEBHOOK',
    scheme: 'trubit-velafi',
    method: 'POST',
    path: '/trubit/webhook',
    headers: [JSON_CT],
    body: json({
      eventType: 'ORDER_WEBHOOK',
      data: { orderId: 'TB-1001', status: 'COMPLETED', amount: '250.00', currency: 'USDT', createTime: 1795435200000 }
    })
  },
  {
    id: 'trubit-merchant-trade',
    name: 'TruBit MERCHANT_TRADE_WEBHOOK',
    scheme: 'trubit-velafi',
    method: 'POST',
    path: '/trubit/webhook',
    headers: [JSON_CT],
    body: json({
      eventType: 'MERCHANT_TRADE_WEBHOOK',
      data: {
        tradeId: 'MT-2001',
        side: 'BUY',
        symbol: 'USDTVND',
        quantity: '100',
        price: '25400',
        createTime: 1795435200000
      }
    })
  },
  {
    id: 'tiki-order-status',
    name: 'TikiNOW order status',
    scheme: 'tiki-tikinow',
    method: 'POST',
    path: '/tiki/order',
    headers: [JSON_CT],
    body: json({
      type: 'order_status',
      data: { order_code: '123456789', status: 'successful_delivery', updated_at: '2026-11-23T12:00:00+07:00' }
    })
  },
  {
    id: 'tiki-aftersale',
    name: 'TikiNOW aftersale FD/CR',
    scheme: 'tiki-tikinow',
    method: 'POST',
    path: '/tiki/aftersale',
    headers: [JSON_CT],
    body: json({
      type: 'aftersale',
      data: { request_code: 'CR-1001', kind: 'CR', order_code: '123456789', status: 'approved' }
    })
  },
  {
    id: 'tiki-stock',
    name: 'TikiNOW inventory stock',
    scheme: 'tiki-tikinow',
    method: 'POST',
    path: '/tiki/stock',
    headers: [JSON_CT],
    body: json({
      type: 'inventory_stock',
      data: { sku: '8935236401234', warehouse: 'HCM', quantity: 42, date: '2026-11-23T12:00:00+07:00' }
    })
  },
  {
    id: 'useepay-json',
    name: 'UseePay payment_intent.succeeded (JSON, 2025-11-06)',
    scheme: 'useepay-v2',
    method: 'POST',
    path: '/useepay/notify',
    headers: [JSON_CT, ['merchant_no', '500000000009133'], ['api_version', '2025-11-06'], ['app_id', 'www.pay.com']],
    body: json({
      id: 'evt_7f560319',
      name: 'payment_intent.succeeded',
      data: { id: '1012506201612797898', amount: 10, currency: 'USD', status: 'succeeded' }
    })
  },
  {
    id: 'useepay-form',
    name: 'UseePay payment_intent.succeeded (form data=, 2024-10-10)',
    scheme: 'useepay-v2',
    method: 'POST',
    path: '/useepay/notify',
    headers: [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['merchant_no', '500000000009133'],
      ['api_version', '2024-10-10'],
      ['app_id', 'www.pay.com']
    ],
    body:
      'data=' +
      encodeURIComponent(
        json({
          id: 'evt_7f560319',
          name: 'payment_intent.succeeded',
          data: { id: '1012506201612797898', amount: 10, currency: 'USD', status: 'succeeded' }
        })
      )
  },
  {
    id: 'shopify-order',
    name: 'Shopify orders/create',
    scheme: 'shopify',
    method: 'POST',
    path: '/shopify',
    headers: [
      JSON_CT,
      ['X-Shopify-Topic', 'orders/create'],
      ['X-Shopify-Shop-Domain', 'demo.myshopify.com'],
      ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043']
    ],
    body: json({ id: 820982911946154500, email: 'jon@example.com', total_price: '403.00' })
  },
  {
    id: 'square-payment',
    name: 'Square payment.updated',
    scheme: 'square',
    method: 'POST',
    path: '/square',
    headers: [JSON_CT],
    body: json({
      merchant_id: 'MLEFBHHSJGVHD',
      type: 'payment.updated',
      event_id: 'ac3ac95b-f97d-458c-a6e6-18981597e05f',
      data: { type: 'payment', id: 'KkAkhdMs' }
    })
  },
  {
    id: 'paddle-transaction',
    name: 'Paddle transaction.completed',
    scheme: 'paddle-billing',
    method: 'POST',
    path: '/paddle',
    headers: [JSON_CT],
    body: json({
      event_id: 'evt_01h',
      event_type: 'transaction.completed',
      data: { id: 'txn_01h', status: 'completed' }
    })
  },
  {
    id: 'twilio-sms',
    name: 'Twilio incoming SMS (form)',
    scheme: 'twilio',
    method: 'POST',
    path: '/twilio/sms',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'MessageSid=SM1234&AccountSid=AC1234&From=%2B14158675309&To=%2B18005551212&Body=Hello'
  },
  {
    id: 'discord-ping',
    name: 'Discord interaction PING',
    scheme: 'discord',
    method: 'POST',
    path: '/discord/interactions',
    headers: [JSON_CT],
    body: json({ type: 1, id: '1', application_id: '1' })
  },
  {
    id: 'wechatpay-transaction',
    name: 'WeChat Pay v3 TRANSACTION.SUCCESS',
    scheme: 'wechatpay-v3',
    method: 'POST',
    path: '/wechatpay/notify',
    headers: [
      JSON_CT,
      ['Wechatpay-Nonce', 'fdasflkja484w'],
      ['Wechatpay-Serial', 'PUB_KEY_ID_0001'],
      ['Wechatpay-Signature-Type', 'WECHATPAY2-SHA256-RSA2048']
    ],
    body: json({
      id: 'EV-2018022511223320873',
      create_time: '2026-11-23T12:00:00+08:00',
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource'
    })
  },
  {
    id: 'trubit-create-webhook',
    name: "TruBit API: create webhook — an endpoint's URL; the returned publicKey is bound to it",
    scheme: '',
    method: 'POST',
    path: '/openapi/v2/business/webhook',
    headers: [JSON_CT, ['X-BH-TOKEN', '<your TruBit API token>']],
    body: json({ eventType: 'ORDER_WEBHOOK', url: `${RECEIVER}/trubit/webhook` }),
    registers: { scheme: 'trubit-velafi', urls: [{ path: ['url'], suffix: '' }] }
  },
  {
    id: 'tikinow-register-webhooks',
    name: "TikiNOW API: register-webhooks — an endpoint's URL and its bound secret_key",
    scheme: '',
    method: 'POST',
    path: '/business/v1/register-webhooks',
    headers: [JSON_CT, ['Authorization', 'Bearer <token>']],
    body: json({
      sync_inventory_location: ['sgn3', 'tbn1'],
      sync_webhook: {
        order: { url: `${RECEIVER}/tiki/order`, secret_key: "<the endpoint's 32-character secret>" },
        stock: { url: `${RECEIVER}/tiki/stock`, secret_key: "<the endpoint's 32-character secret>" },
        aftersale: { url: `${RECEIVER}/tiki/aftersale`, secret_key: "<the endpoint's 32-character secret>" }
      },
      external_partner_id: '41235121321'
    }),
    registers: {
      scheme: 'tiki-tikinow',
      urls: ['order', 'stock', 'aftersale'].map((kind) => ({
        path: ['sync_webhook', kind, 'url'],
        suffix: `/${kind}`
      })),
      secrets: ['order', 'stock', 'aftersale'].map((kind) => ['sync_webhook', kind, 'secret_key'])
    }
  },
  {
    id: 'github-push',
    name: 'GitHub push',
    scheme: 'github',
    method: 'POST',
    path: '/github',
    headers: [
      JSON_CT,
      ['X-GitHub-Event', 'push'],
      ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
      ['User-Agent', 'GitHub-Hookshot/abc123']
    ],
    body: json({ ref: 'refs/heads/main', repository: { full_name: 'hookscope/demo' } })
  },
  {
    id: 'stripe-payment',
    name: 'Stripe payment_intent.succeeded',
    scheme: 'stripe',
    method: 'POST',
    path: '/stripe',
    headers: [JSON_CT, ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)']],
    body: json({
      id: 'evt_1QxY',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_1', amount: 4200, currency: 'usd' } }
    })
  },
  {
    id: 'standard-webhooks',
    name: 'Standard Webhooks user.created',
    scheme: 'standard-webhooks',
    method: 'POST',
    path: '/svix',
    headers: [JSON_CT],
    body: json({ type: 'user.created', data: { id: 'user_1' } })
  },
  {
    id: 'slack-event',
    name: 'Slack event_callback',
    scheme: 'slack',
    method: 'POST',
    path: '/slack/events',
    headers: [JSON_CT],
    body: json({ type: 'event_callback', event: { type: 'app_mention', text: 'hi' } })
  }
]

export function getTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id)
}
