import type { NewCapture } from '@main/services/store'

/** A capture as the listener hands it to the store: POST /hooks/<i>, JSON, received at a fixed time plus `i` ms. */
export function newCapture(i: number, body = `{"event":"order.paid","n":${i}}`): NewCapture {
  const bytes = new TextEncoder().encode(body)
  return {
    receivedAt: 1_700_000_000_000 + i,
    method: 'POST',
    target: `/hooks/${i}`,
    httpVersion: '1.1',
    rawHeaders: [['Content-Type', 'application/json']],
    contentType: 'application/json',
    body: bytes,
    bodySize: bytes.length,
    truncated: false,
    remoteAddress: '127.0.0.1',
    remotePort: 5000,
    reply: { status: 200, headers: [], body: '' }
  }
}
