/** The nine APSDAI hooks from the seed document; payload fields are illustrative (the seed publishes none). */
export const APSDAI_HOOKS: [string, string, Record<string, unknown>][] = [
  [
    'order_create_hook',
    'Order created',
    { order_id: 'AP20261123001', status: 'created', amount: '129.00', currency: 'VND' }
  ],
  [
    'order_pay_hook',
    'Order paid',
    { order_id: 'AP20261123001', status: 'paid', amount: '129.00', currency: 'VND', paid_at: '2026-11-23T12:00:00Z' }
  ],
  [
    'order_cancel_hook',
    'Order cancelled',
    { order_id: 'AP20261123001', status: 'cancelled', reason: 'customer_request' }
  ],
  ['order_refund_hook', 'Order refunded', { order_id: 'AP20261123001', status: 'refunded', refund_amount: '129.00' }],
  [
    'order_out_of_stock_hook',
    'Order out of stock',
    { order_id: 'AP20261123001', sku: 'SKU-1', requested: 2, available: 0 }
  ],
  ['order_finish_hook', 'Order completed', { order_id: 'AP20261123001', status: 'finished' }],
  ['stock_alarm_hook', 'Low stock alert', { sku: 'SKU-1', stock: 3, threshold: 5 }],
  ['key_stock_alarm_hook', 'Low key stock alert', { sku: 'SKU-KEY-1', stock: 1, threshold: 10 }],
  [
    'order_count_amount_hook',
    'Last 2 days order count & amount',
    { days: 2, order_count: 57, amount: '7350.00', currency: 'VND' }
  ]
]
