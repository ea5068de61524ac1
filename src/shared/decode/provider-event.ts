import { headerValue } from '../http/headers'
import type { RawHeaders } from '../model/capture'
import { detect } from '../signatures/detect'
import { parseFormFields } from './form'
import { parseContentType } from './text'

/** Headers that name the event, by provider. */
const EVENT_HEADERS = [
  'x-apsdai-event',
  'x-github-event',
  'x-gitlab-event',
  'x-event-key',
  'x-shopify-topic',
  'linear-event',
  'x-event-name',
  'x-wc-webhook-topic',
  'twitch-eventsub-subscription-type',
  'sentry-hook-resource',
  'x-hubspot-event'
]
/** Body fields that name the event, tried in order. */
const EVENT_FIELDS = ['type', 'eventType', 'event_type', 'event', 'name', 'topic', 'action', 'notify_type']

const MAX_BODY_SCAN = 1024 * 1024

function fromObject(o: unknown): string | null {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null
  for (const f of EVENT_FIELDS) {
    const v = (o as Record<string, unknown>)[f]
    if (typeof v === 'string' && v.length > 0 && v.length <= 120) return v
  }
  return null
}

function eventFromBody(body: Uint8Array, contentType: string | null): string | null {
  if (body.length === 0 || body.length > MAX_BODY_SCAN) return null
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return null
  }
  const mime = parseContentType(contentType).mime
  const t = text.trimStart()
  try {
    if (t.startsWith('{')) return fromObject(JSON.parse(t))
    if (mime === 'application/x-www-form-urlencoded' || /^[\w.-]+=/.test(t)) {
      const fields = parseFormFields(text)
      const data = fields.find((f) => f.name === 'data')
      if (data && data.value.trimStart().startsWith('{')) return fromObject(JSON.parse(data.value))
      return fromObject(Object.fromEntries(fields.map((f) => [f.name, f.value])))
    }
  } catch {
    return null
  }
  return null
}

/** Provider (best detected scheme) and event name for the list, computed once at capture time. */
export function describeDelivery(headers: RawHeaders, body: Uint8Array, contentType: string | null): { provider: string | null; event: string | null } {
  const best = detect({ method: 'POST', url: '', headers, body: body.subarray(0, 64 * 1024) })[0]
  let event: string | null = null
  for (const h of EVENT_HEADERS) {
    const v = headerValue(headers, h)
    if (v) {
      event = v
      break
    }
  }
  event ??= eventFromBody(body, contentType)
  return { provider: best?.scheme ?? null, event }
}
