import type { RawHeaders } from '../model/capture'

/** A realistic delivery to start from: headers and body as the provider sends them (unsigned). */
export interface Template {
  id: string
  name: string
  scheme: string
  method: string
  path: string
  headers: RawHeaders
  body: string
}

const json = (o: unknown): string => JSON.stringify(o)
const JSON_CT: [string, string] = ['Content-Type', 'application/json']

export const TEMPLATES: Template[] = [
  {
    id: 'apsdai-order-pay',
    name: 'APSDAI order_pay_hook',
    scheme: 'apsdai',
    method: 'POST',
    path: '/apsdai/hooks',
    headers: [['User-Agent', 'apsdai-hook'], JSON_CT, ['X-Apsdai-Event', 'order_pay_hook']],
    body: json({ order_id: 'AP20261123001', status: 'paid', amount: '129.00', currency: 'VND', paid_at: '2026-11-23T12:00:00Z' })
  },
  {
    id: 'trubit-order',
    name: 'TruBit ORDER_WEBHOOK',
    scheme: 'trubit-velafi',
    method: 'POST',
    path: '/trubit/webhook',
    headers: [JSON_CT],
    body: json({ eventType: 'ORDER_WEBHOOK', data: { orderId: 'TB-1001', status: 'COMPLETED', amount: '250.00', currency: 'USDT', createTime: 1795435200000 } })
  },
  {
    id: 'tiki-stock',
    name: 'TikiNOW inventory stock',
    scheme: 'tiki-tikinow',
    method: 'POST',
    path: '/tiki/stock',
    headers: [JSON_CT],
    body: json({ type: 'inventory_stock', data: { sku: '8935236401234', warehouse: 'HCM', quantity: 42, date: '2026-11-23T12:00:00+07:00' } })
  },
  {
    id: 'useepay-json',
    name: 'UseePay payment_intent.succeeded (JSON, 2025-11-06)',
    scheme: 'useepay-v2',
    method: 'POST',
    path: '/useepay/notify',
    headers: [JSON_CT, ['merchant_no', '500000000009133'], ['api_version', '2025-11-06'], ['app_id', 'www.pay.com']],
    body: json({ id: 'evt_7f560319', name: 'payment_intent.succeeded', data: { id: '1012506201612797898', amount: 10, currency: 'USD', status: 'succeeded' } })
  },
  {
    id: 'github-push',
    name: 'GitHub push',
    scheme: 'github',
    method: 'POST',
    path: '/github',
    headers: [JSON_CT, ['X-GitHub-Event', 'push'], ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'], ['User-Agent', 'GitHub-Hookshot/abc123']],
    body: json({ ref: 'refs/heads/main', repository: { full_name: 'hookscope/demo' } })
  },
  {
    id: 'stripe-payment',
    name: 'Stripe payment_intent.succeeded',
    scheme: 'stripe',
    method: 'POST',
    path: '/stripe',
    headers: [JSON_CT, ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)']],
    body: json({ id: 'evt_1QxY', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 4200, currency: 'usd' } } })
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
