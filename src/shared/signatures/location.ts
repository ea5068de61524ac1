import type { RawHeaders } from '../model/capture'
import { headerValue } from '../http/headers'
import { fromUtf8, utf8 } from '../bytes'
import type { ParsedField } from './codec'
import { jsonPath, jwsSigningInput, parseForm, queryParam } from './content'
import type { SchemeDefinition, SignableRequest, SignatureLocation, TimestampRule } from './types'

/**
 * Where a signature (and its timestamp) travels: read, write and remove it in a header (or one of
 * several), a query parameter, a form field or a JSON field. Verify, sign, probe and diagnostics
 * all go through here.
 */

export function describeLocation(loc: SignatureLocation): string {
  if (loc.header) return `${loc.header} header`
  if (loc.query) return `"${loc.query}" query parameter`
  if (loc.jsonField) return `"${loc.jsonField}" field of the JSON body`
  if (loc.bodyJws) return 'third part of the JWS body'
  if (loc.headerJwt) return `third part of the JWT in the ${loc.headerJwt} header`
  return `"${loc.formField}" form field`
}

/** The raw text of the field that carries the signature, or undefined when absent. */
export function readSignatureField(req: SignableRequest, loc: SignatureLocation): string | undefined {
  if (loc.header) return headerValue(req.headers, loc.header)
  if (loc.query) return queryParam(req.url, loc.query, true)
  if (loc.formField) return parseForm(fromUtf8(req.body)).find(([k]) => k === loc.formField)?.[1]
  if (loc.jsonField) return jsonString(req.body, loc.jsonField)
  if (loc.bodyJws) {
    const parts = fromUtf8(req.body).trim().split('.')
    return parts.length === 3 && parts[2] ? parts[2] : undefined
  }
  if (loc.headerJwt) {
    const parts = headerValue(req.headers, loc.headerJwt)?.trim().split('.')
    return parts?.length === 3 && parts[2] ? parts[2] : undefined
  }
  return undefined
}

/** The request without its signature, wherever the scheme carries it (every signature header, the query, a form or JSON field). */
export function removeSignatureField(req: SignableRequest, loc: SignatureLocation): SignableRequest {
  if (loc.bodyJws) return { ...req, body: utf8(jwsSigningInput(req.body)) }
  if (loc.headerJwt) {
    const value = headerValue(req.headers, loc.headerJwt)
    if (value === undefined) return req
    return { ...req, headers: setHeader(req.headers, loc.headerJwt, value.trim().split('.').slice(0, 2).join('.')) }
  }
  if (loc.header) {
    const names = new Set([loc.header, ...(loc.alsoHeaders ?? [])].map((h) => h.toLowerCase()))
    return { ...req, headers: req.headers.filter(([n]) => !names.has(n.toLowerCase())) }
  }
  if (loc.query) {
    const [base, hash] = req.url.split('#', 2) as [string, string | undefined]
    const q = base.indexOf('?')
    if (q < 0) return req
    const kept = base
      .slice(q + 1)
      .split('&')
      .filter((p) => p && p.split('=')[0] !== loc.query)
    return {
      ...req,
      url: base.slice(0, q) + (kept.length ? `?${kept.join('&')}` : '') + (hash !== undefined ? `#${hash}` : '')
    }
  }
  if (loc.formField) {
    const kept = fromUtf8(req.body)
      .split('&')
      .filter((p) => p.split('=')[0] !== loc.formField)
    return { ...req, body: utf8(kept.join('&')) }
  }
  if (loc.jsonField) {
    try {
      const doc = JSON.parse(fromUtf8(req.body)) as Record<string, unknown>
      const keys = loc.jsonField.split('.')
      let cur: Record<string, unknown> | undefined = doc
      for (const k of keys.slice(0, -1))
        cur = cur && typeof cur[k] === 'object' ? (cur[k] as Record<string, unknown>) : undefined
      if (cur) delete cur[keys[keys.length - 1]!]
      return { ...req, body: utf8(JSON.stringify(doc)) }
    } catch {
      return req
    }
  }
  return req
}

function jsonString(body: Uint8Array, path: string): string | undefined {
  try {
    const v = jsonPath(JSON.parse(fromUtf8(body)), path)
    return v === undefined || v === null ? undefined : String(v)
  } catch {
    return undefined
  }
}

export function readTimestamp(
  req: SignableRequest,
  rule: TimestampRule,
  parsed: ParsedField | null
): string | undefined {
  if (rule.fromSignature) return parsed?.timestamp
  if (rule.header) return headerValue(req.headers, rule.header)?.trim()
  if (rule.query) return queryParam(req.url, rule.query)
  if (rule.jsonField) return jsonString(req.body, rule.jsonField)
  return undefined
}

/** The JSON path of each signed item of a batch body (Adyen classic), or [''] for a body signed as one. */
export function itemPrefixes(body: Uint8Array, items: SchemeDefinition['items']): string[] {
  if (!items) return ['']
  try {
    const list = jsonPath(JSON.parse(fromUtf8(body)), items.path)
    if (Array.isArray(list) && list.length)
      return list.map((_, i) => `${items.path}.${i}${items.field ? `.${items.field}` : ''}`)
  } catch {
    /* not JSON: nothing to address */
  }
  return ['']
}

/** A path inside an item (or the body itself, for the '' prefix). */
export const underItem = (prefix: string, path: string): string => (prefix ? `${prefix}.${path}` : path)

/** The request without its signature anywhere the scheme carries one, in every item of a batch too. */
export function removeSignature(req: SignableRequest, scheme: SchemeDefinition): SignableRequest {
  const loc = scheme.signature
  if (!loc.jsonField || !scheme.items) return removeSignatureField(req, loc)
  return itemPrefixes(req.body, scheme.items).reduce(
    (r, prefix) => removeSignatureField(r, { ...loc, jsonField: underItem(prefix, loc.jsonField!) }),
    req
  )
}

/** Writes the signature field where the scheme carries it (the first header of several). */
export function writeSignatureField(req: SignableRequest, loc: SignatureLocation, field: string): SignableRequest {
  if (loc.header) return { ...req, headers: setHeader(req.headers, loc.header, field) }
  if (loc.query) return { ...req, url: setQuery(req.url, loc.query, field) }
  if (loc.jsonField) return { ...req, body: setJsonField(req.body, loc.jsonField, field) }
  if (loc.bodyJws) return { ...req, body: utf8(`${jwsSigningInput(req.body)}.${field}`) }
  if (loc.headerJwt) {
    const input = headerValue(req.headers, loc.headerJwt)?.trim().split('.').slice(0, 2).join('.')
    return { ...req, headers: setHeader(req.headers, loc.headerJwt, input ? `${input}.${field}` : field) }
  }
  if (loc.formField) {
    const kept = parseForm(fromUtf8(req.body)).length
      ? fromUtf8(req.body)
          .split('&')
          .filter((p) => p.split('=')[0] !== loc.formField)
      : []
    kept.push(`${loc.formField}=${encodeURIComponent(field)}`)
    return { ...req, body: utf8(kept.join('&')) }
  }
  return req
}

/** Writes the timestamp (and delivery id) where the scheme reads them; `fromSignature` timestamps go with the signature field. */
export function writeTimestamp(req: SignableRequest, rule: TimestampRule, ts: string): SignableRequest {
  if (rule.header) return { ...req, headers: setHeader(req.headers, rule.header, ts) }
  if (rule.query) return { ...req, url: setQuery(req.url, rule.query, ts) }
  if (rule.jsonField) return { ...req, body: setJsonField(req.body, rule.jsonField, rule.jsonNumber ? Number(ts) : ts) }
  return req
}

export function setHeader(headers: RawHeaders, name: string, value: string): RawHeaders {
  const lower = name.toLowerCase()
  const at = headers.findIndex(([n]) => n.toLowerCase() === lower)
  const out = headers.map(([n, v]) => [n, v] as [string, string])
  if (at >= 0) out[at] = [out[at]![0], value]
  else out.push([name, value])
  return out
}

export function setQuery(url: string, name: string, value: string): string {
  const [base, hash] = url.split('#', 2) as [string, string | undefined]
  const q = base.indexOf('?')
  const path = q < 0 ? base : base.slice(0, q)
  const pairs = (q < 0 ? '' : base.slice(q + 1)).split('&').filter((p) => p && p.split('=')[0] !== name)
  pairs.push(`${name}=${value}`)
  return `${path}?${pairs.join('&')}${hash !== undefined ? '#' + hash : ''}`
}

/** Sets a dotted path in a JSON body (creating objects on the way); the body is re-serialised. */
function setJsonField(body: Uint8Array, path: string, value: string | number): Uint8Array {
  let doc: Record<string, unknown>
  try {
    doc = JSON.parse(fromUtf8(body)) as Record<string, unknown>
  } catch {
    doc = {}
  }
  const keys = path.split('.')
  let cur = doc
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {}
    cur = cur[k] as Record<string, unknown>
  }
  cur[keys[keys.length - 1]!] = value
  return utf8(JSON.stringify(doc))
}
