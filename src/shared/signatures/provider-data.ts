import type { ReplyRule } from '../model/vault'
import { childParts } from './schema-parts'
import type { ContentPart, SchemeDefinition } from './types'

/**
 * What the rest of Hookscope knows about a provider, read from its scheme data only: the header or
 * body fields that name the event, the reply it expects, and how its signature and timestamp
 * headers read. Adding a provider is adding a scheme.
 */

/** The reply an endpoint gives for this scheme's provider, or null when the scheme names none. */
export function replyRule(scheme: Pick<SchemeDefinition, 'reply' | 'handshake'>): ReplyRule | null {
  const r =
    scheme.reply ?? (scheme.handshake ? { status: 200, contentType: 'text/plain; charset=utf-8', body: '' } : undefined)
  if (!r) return null
  return {
    status: r.status,
    headers: [['Content-Type', r.contentType]],
    body: r.body,
    delayMs: 0,
    failureRate: 0,
    ...(scheme.handshake ? { handshake: scheme.handshake } : {})
  }
}

/** Headers that name the event, from every scheme that says so (lower-case, first scheme first). */
export function eventHeaders(schemes: readonly SchemeDefinition[]): string[] {
  return [...new Set(schemes.flatMap((s) => (s.event?.header ? [s.event.header] : [])))]
}

export interface HeaderReading {
  /** `t=…,v1=…` signature headers: how the pairs split, and which key is the timestamp. */
  pairs?: { separator: string; kv: string; timestampKey?: string; timestampUnit?: 's' | 'ms' | 'rfc3339' }
  /** Space-separated signature lists (Standard Webhooks). */
  list?: { separator: string }
  /** A timestamp header and its unit. */
  timestamp?: 's' | 'ms' | 'rfc3339'
}

/** How each scheme's headers read, by lower-case header name (the headers table's glosses). */
export function headerReadings(schemes: readonly SchemeDefinition[]): Map<string, HeaderReading> {
  const out = new Map<string, HeaderReading>()
  const add = (name: string, r: HeaderReading): void =>
    void out.set(name.toLowerCase(), { ...out.get(name.toLowerCase()), ...r })
  for (const s of schemes) {
    const f = s.signature.format
    const header = 'header' in s.signature ? s.signature.header : undefined
    if (header && f.kind === 'kv')
      add(header, {
        pairs: {
          separator: f.pairSeparator,
          kv: f.kvSeparator,
          ...(f.timestampKey ? { timestampKey: f.timestampKey } : {}),
          ...(f.timestampKey && s.timestamp?.fromSignature ? { timestampUnit: s.timestamp.unit } : {})
        }
      })
    if (header && f.kind === 'list') add(header, { list: { separator: f.separator } })
    if (s.timestamp?.header) add(s.timestamp.header, { timestamp: s.timestamp.unit })
    for (const [canonical, aliases] of Object.entries(s.headerAliases ?? {})) {
      const r = out.get(canonical.toLowerCase())
      if (r) for (const a of aliases) add(a, r)
    }
  }
  return out
}

/** The key a provider's API response carries (a scheme's keyInResponse path), with the scheme, or null. */
export function keyInResponse(
  json: unknown,
  schemes: readonly SchemeDefinition[]
): { scheme: SchemeDefinition; key: string } | null {
  for (const scheme of schemes) {
    if (!scheme.keyInResponse) continue
    let at: unknown = json
    for (const part of scheme.keyInResponse.path.split('.'))
      at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined
    if (typeof at === 'string' && at.length > 0) return { scheme, key: at }
  }
  return null
}

/** Every content part, nested ones included. */
const allParts = (parts: readonly ContentPart[]): ContentPart[] => parts.flatMap((p) => [p, ...allParts(childParts(p))])

/**
 * Where a delivery may carry a setting itself (Hygraph's env= in its signature header, Tini App's client
 * key header): the request's value is used when present, the setting otherwise. Null when only the setting counts.
 */
export function paramSource(scheme: SchemeDefinition, name: string): string | null {
  const f = scheme.signature.format
  if (f.kind === 'kv' && f.paramKeys?.includes(name) && scheme.signature.header)
    return `${name}= in ${scheme.signature.header}`
  for (const p of allParts(scheme.signedContent))
    if ('part' in p && p.part === 'param' && p.name === name && p.header) return `the ${p.header} header`
  return null
}
