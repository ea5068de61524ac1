import { headerValue } from '../http/headers'
import { addressedUrl, type HttpRequest } from '../model/http'
import { detect } from '../signatures/detect'
import { eventHeaders } from '../signatures/provider-data'
import { SCHEMES } from '../signatures/registry'
import type { SchemeDefinition } from '../signatures/types'
import { parseFormFields } from './form'
import { parseContentType } from './text'

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

function eventFromBody(body: Uint8Array, contentType: string | null, fields: readonly string[]): string | null {
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

/**
 * Provider (best detected scheme) and event name for the list, computed once at capture time from the
 * schemes' data: the detected scheme's event header and fields first, then any scheme's event header,
 * then the fields most providers use.
 */
export function describeDelivery(
  c: HttpRequest & { contentType: string | null },
  schemes: readonly SchemeDefinition[] = SCHEMES
): { provider: string | null; event: string | null } {
  const { rawHeaders: headers, body, contentType } = c
  const best = detect({ method: c.method, url: addressedUrl(c), headers, body: body.subarray(0, 64 * 1024) }, schemes)[0]
  const scheme = best ? schemes.find((s) => s.id === best.scheme) : undefined
  let event: string | null = null
  for (const h of [...(scheme?.event?.header ? [scheme.event.header] : []), ...eventHeaders(schemes)]) {
    const v = headerValue(headers, h)
    if (v) {
      event = v
      break
    }
  }
  event ??= eventFromBody(body, contentType, [...(scheme?.event?.fields ?? []), ...EVENT_FIELDS])
  return { provider: best?.scheme ?? null, event }
}
