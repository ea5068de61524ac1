import { headerValue } from '../http/headers'
import { fromUtf8 } from '../bytes'
import { jsonPath } from './content'
import { getScheme } from './registry'
import type { SchemeDefinition, SignableRequest } from './types'

/**
 * Which form of a scheme a delivery asks for: its version (HubSpot's header, SNS's SignatureVersion), or its URL
 * with or without the default port.
 */

/** The version a delivery names (its version header, or a JSON body field), or undefined. */
export function versionValue(
  req: SignableRequest,
  v: NonNullable<SchemeDefinition['versionedBy']>
): string | undefined {
  if (v.header !== undefined) return headerValue(req.headers, v.header)?.trim()
  try {
    const value = jsonPath(JSON.parse(fromUtf8(req.body)), v.jsonField!)
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
  } catch {
    return undefined
  }
}

/** The scheme a delivery's version chooses: another scheme, null for this one, or why none can check it. */
export function versionOf(
  req: SignableRequest,
  scheme: SchemeDefinition
): SchemeDefinition | null | { refused: string } {
  const v = scheme.versionedBy
  if (!v) return null
  const value = versionValue(req, v)
  const id = value === undefined ? undefined : v.schemes[value]
  const chosen = id ? getScheme(id) : undefined
  if (!chosen && v.strict) {
    const where = v.header ?? `the body's ${v.jsonField}`
    const known = Object.keys(v.schemes).join(', ')
    return {
      refused:
        value === undefined
          ? `The delivery names no version (${where}); ${scheme.name} has versions ${known}.`
          : `${where} is "${value}": ${scheme.name} has versions ${known} only.`
    }
  }
  return chosen && chosen.id !== scheme.id ? chosen : null
}

/** The URL with its scheme's default port written out, and without it: whichever it is not already. */
export function portVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#@]*@)?(\[[^\]]+\]|[^/?#:]+)(:\d+)?(.*)$/i.exec(url)
  if (!m) return []
  const [, proto, user = '', host, port, rest] = m
  const dflt = proto!.toLowerCase() === 'https' ? ':443' : ':80'
  if (port === undefined) return [`${proto}://${user}${host}${dflt}${rest}`]
  return port === dflt ? [`${proto}://${user}${host}${rest}`] : []
}
