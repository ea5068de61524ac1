/** Shell-quote for POSIX sh: single quotes, with embedded quotes closed and escaped. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** The copy-ready command the empty state offers for sending a first webhook. */
export function firstWebhookCurl(baseUrl: string): string {
  const url = `${baseUrl.replace(/\/$/, '')}/webhooks/test?source=curl`
  const body = JSON.stringify({ type: 'order.paid', id: 'evt_123', amount: 4200 })
  return `curl -X POST ${shellQuote(url)} -H 'Content-Type: application/json' --data ${shellQuote(body)}`
}
