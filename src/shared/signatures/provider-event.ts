import type { HttpRequest } from '../model/http'
import { makeDetector } from './detect'
import { firstHeaderValues } from '../http/headers'
import { eventHeaders } from './provider-data'
import { SCHEMES } from './registry'
import type { SchemeDefinition } from './types'
import { parseFormFields } from '../decode/form'
import { parseContentType } from '../decode/text'

/** Body fields that name the event in most providers' JSON, tried in order after a scheme's own. */
const EVENT_FIELDS = ['type', 'eventType', 'event_type', 'event', 'name', 'topic', 'action', 'notify_type']

const MAX_BODY_SCAN = 1024 * 1024

function fromObject(o: unknown, fields: readonly string[]): string | null {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null
  for (const f of fields) {
    const v = (o as Record<string, unknown>)[f]
    if (typeof v === 'string' && v.length > 0 && v.length <= 120) return v
  }
  return null
}

/** Stateless between calls (never streamed): one for every capture. */
const UTF8 = new TextDecoder('utf-8', { fatal: true })

function eventFromBody(body: Uint8Array, contentType: string | null, fields: readonly string[]): string | null {
  if (body.length === 0 || body.length > MAX_BODY_SCAN) return null
  let text: string
  try {
    text = UTF8.decode(body)
  } catch {
    return null
  }
  const mime = parseContentType(contentType).mime
  const t = text.trimStart()
  try {
    if (t.startsWith('{')) return fromObject(JSON.parse(t), fields)
    if (mime === 'application/x-www-form-urlencoded' || /^[\w.-]+=/.test(t)) {
      const fieldNames = fields
      const formFields = parseFormFields(text)
      const data = formFields.find((f) => f.name === 'data')
      if (data && data.value.trimStart().startsWith('{')) return fromObject(JSON.parse(data.value), fieldNames)
      return fromObject(Object.fromEntries(formFields.map((f) => [f.name, f.value])), fieldNames)
    }
  } catch {
    return null
  }
  return null
}

export type Describer = (c: HttpRequest & { contentType: string | null }) => {
  provider: string | null
  event: string | null
}

/**
 * Provider (best detected scheme) and event name for the list, computed once at capture time from the
 * schemes' data: the detected scheme's event header and fields first, then any scheme's event header,
 * then the fields most providers use.
 */
export function describeDelivery(
  c: HttpRequest & { contentType: string | null },
  schemes: readonly SchemeDefinition[] = SCHEMES
): ReturnType<Describer> {
  return makeDescriber(schemes)(c)
}

/** `describeDelivery` for one scheme list, its per-list work (detection data, event headers) done once. */
export function makeDescriber(schemes: readonly SchemeDefinition[] = SCHEMES): Describer {
  const detector = makeDetector(schemes)
  const events = eventHeaders(schemes).map((h) => h.toLowerCase())
  // Per scheme: its own event header first, then any scheme's; its own body fields, then the common ones.
  const byId = new Map(
    schemes.map((s) => [
      s.id,
      {
        headers: s.event?.header ? [s.event.header.toLowerCase(), ...events] : events,
        fields: s.event?.fields?.length ? [...s.event.fields, ...EVENT_FIELDS] : EVENT_FIELDS
      }
    ])
  )
  return (c) => {
    const { rawHeaders: headers, body, contentType } = c
    const first = firstHeaderValues(headers)
    const best = detector({ method: c.method, url: '', headers, body }, first)[0]
    const own = best ? byId.get(best.scheme) : undefined
    let event: string | null = null
    for (const h of own?.headers ?? events) {
      const v = first.get(h)
      if (v) {
        event = v
        break
      }
    }
    event ??= eventFromBody(body, contentType, own?.fields ?? EVENT_FIELDS)
    return { provider: best?.scheme ?? null, event }
  }
}
