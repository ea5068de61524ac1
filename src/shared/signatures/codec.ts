import {
  fromBase64,
  fromBase64Url,
  fromHex,
  fromUtf8,
  toBase64,
  toBase64Url,
  toHex,
  urlDecode,
  urlEncode,
  utf8
} from '../bytes'
import type { SignatureEncoding, SignatureFormat, SignatureLocation, TimestampRule } from './types'

export interface ParsedField {
  candidates: string[]
  timestamp?: string
  /** The delivery id or nonce the field carries (`kv` with `idKey`). */
  id?: string
  /** Settings the field carries (`kv` with `paramKeys`), by key. */
  params?: Record<string, string>
}

/** Splits the field into candidate signatures (several during key rotation) and an embedded timestamp. */
export function parseSignatureField(raw: string, format: SignatureFormat): ParsedField | null {
  const value = raw.trim()
  switch (format.kind) {
    case 'plain':
      return value ? { candidates: [value] } : null
    case 'prefixed':
      return value.startsWith(format.prefix) && value.length > format.prefix.length
        ? { candidates: [value.slice(format.prefix.length)] }
        : null
    case 'list': {
      const items = value
        .split(format.separator)
        .map((s) => s.trim())
        .filter(Boolean)
      const timestamp = format.timestampFirst ? items.shift() : undefined
      const sigs = format.itemPrefix
        ? items.filter((s) => s.startsWith(format.itemPrefix!)).map((s) => s.slice(format.itemPrefix!.length))
        : items
      return sigs.length ? { candidates: sigs, ...(timestamp !== undefined ? { timestamp } : {}) } : null
    }
    case 'base64-json': {
      let doc: unknown
      try {
        doc = JSON.parse(fromUtf8(fromBase64(value)))
      } catch {
        return null
      }
      const sig = doc && typeof doc === 'object' ? (doc as Record<string, unknown>)[format.field] : undefined
      return typeof sig === 'string' && sig ? { candidates: [sig] } : null
    }
    case 'kv': {
      const out: ParsedField = { candidates: [] }
      // Pairs may also be space-separated (Persona sends two `t=…,v1=…` sets during a secret roll).
      for (const pair of value.split(format.pairSeparator).flatMap((p) => p.trim().split(/\s+/))) {
        const at = pair.indexOf(format.kvSeparator)
        if (at < 0) continue
        const k = pair.slice(0, at).trim()
        const v = pair.slice(at + format.kvSeparator.length).trim()
        if ((k === format.signatureKey || format.otherKeys?.includes(k)) && v) out.candidates.push(v)
        if (format.timestampKey && k === format.timestampKey) out.timestamp = v
        if (format.idKey && k === format.idKey) out.id = v
        if (format.paramKeys?.includes(k)) out.params = { ...out.params, [k]: v }
      }
      return out.candidates.length ? out : null
    }
  }
}

export function formatSignatureField(
  encoded: string,
  format: SignatureFormat,
  timestamp: string | null,
  id: string | null = null,
  params: Record<string, string> = {}
): string {
  switch (format.kind) {
    case 'plain':
      return encoded
    case 'prefixed':
      return format.prefix + encoded
    case 'list':
      return (
        (format.timestampFirst && timestamp !== null ? timestamp + format.separator : '') +
        (format.itemPrefix ?? '') +
        encoded
      )
    case 'base64-json':
      return toBase64(utf8(JSON.stringify({ ...format.members, [format.field]: encoded })))
    case 'kv': {
      const pair = (k: string, v: string): string => k + format.kvSeparator + v
      const pairs: string[] = []
      for (const k of format.paramKeys ?? []) if (params[k] !== undefined) pairs.push(pair(k, params[k]))
      if (format.idKey && id !== null) pairs.push(pair(format.idKey, id))
      if (format.timestampKey && timestamp !== null) pairs.push(pair(format.timestampKey, timestamp))
      const signature = pair(format.signatureKey, encoded)
      return (format.signatureFirst ? [signature, ...pairs] : [...pairs, signature]).join(format.pairSeparator)
    }
  }
}

export function encodeBytes(b: Uint8Array, encoding: SignatureEncoding): string {
  switch (encoding) {
    case 'hex':
      return toHex(b)
    case 'hex-upper':
      return toHex(b).toUpperCase()
    case 'base64':
      return toBase64(b)
    case 'base64url':
      return toBase64Url(b, true)
    case 'base64url-nopad':
      return toBase64Url(b, false)
    case 'base64-hex':
      return toBase64(utf8(toHex(b)))
    case 'utf8':
      return fromUtf8(b)
  }
}

export function decodeEncoded(s: string, encoding: SignatureEncoding): Uint8Array {
  switch (encoding) {
    case 'hex':
    case 'hex-upper':
      return fromHex(s)
    case 'base64':
      return fromBase64(s)
    case 'base64url':
    case 'base64url-nopad':
      return fromBase64Url(s)
    case 'base64-hex':
      return fromHex(fromUtf8(fromBase64(s)))
    case 'utf8':
      return utf8(s)
  }
}

export function encodeSignature(b: Uint8Array, loc: SignatureLocation): string {
  const s = encodeBytes(b, loc.encoding)
  return loc.urlEncoded ? urlEncode(s) : s
}

/** Signature text → bytes; throws when it is not in the scheme's encoding. */
export function decodeSignature(s: string, loc: SignatureLocation): Uint8Array {
  return decodeEncoded(loc.urlEncoded ? urlDecode(s) : s, loc.encoding)
}

/** Epoch ms of a timestamp in the scheme's unit, or NaN. */
export function timestampMs(value: string, unit: TimestampRule['unit']): number {
  // A date and time without a zone (Orb's X-Orb-Timestamp) is UTC, as the senders mean it — never the local time.
  if (unit === 'rfc3339') return Date.parse(/T[^Z+-]*$/.test(value) ? `${value}Z` : value)
  if (!/^\d{1,16}$/.test(value)) return NaN
  return unit === 's' ? Number(value) * 1000 : Number(value)
}

export function formatTimestamp(nowMs: number, unit: TimestampRule['unit']): string {
  if (unit === 'ms') return String(Math.floor(nowMs))
  if (unit === 's') return String(Math.floor(nowMs / 1000))
  return new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
