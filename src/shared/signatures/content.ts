import { headerValue } from '../http/headers'
import { parseFormFields } from '../decode/form'
import { memberText } from '../decode/json'
import { xmlElementText } from '../decode/xml'
import { concatBytes, fromUtf8, toBase64, toBase64Url, toHex, utf8 } from '../bytes'
import { digestSync } from './primitives'
import { jwtSigningInput } from './jwt-header'
import type { JsonMember } from './schema-parts'
import type { ContentPart, SignableRequest } from './types'
import CRC32 from 'crc-32'

/** What the content template can draw on besides the request. */
export interface ContentContext {
  timestamp: string | null
  id: string | null
  secret: Uint8Array | null
  params: Record<string, string>
}

/** A part could not be built: the request or the configuration lacks something it needs. */
export class ContentError extends Error {
  constructor(
    readonly reason:
      'missing-header' | 'missing-timestamp' | 'missing-id' | 'missing-param' | 'no-key' | 'body-digest-mismatch',
    message: string
  ) {
    super(message)
  }
}

/** Decoded form pairs, in order (one form parser for the whole app). */
export function parseForm(body: string): [string, string][] {
  return parseFormFields(body).map((f) => [f.name, f.value])
}

export function requestPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)
  const rest = m ? url.slice(m[0].length) : url
  return rest === '' ? '/' : rest.startsWith('?') ? '/' + rest : rest
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*)?$/
const JWS_HEADER = toBase64Url(utf8('{"alg":"RS256","typ":"JWT"}')).replace(/=+$/, '')

/**
 * What a compact JWS signs: its header and payload parts. A body that is not yet one (the claims to
 * sign) gets an RS256 header, its bytes as the payload.
 */
export function jwsSigningInput(body: Uint8Array): string {
  const text = fromUtf8(body).trim()
  if (COMPACT_JWS.test(text)) return text.split('.').slice(0, 2).join('.')
  return `${JWS_HEADER}.${toBase64Url(body).replace(/=+$/, '')}`
}

/** A query parameter's value, URL-decoded unless `raw` (signatures keep their encoding for the scheme to undo). */
export function queryParam(url: string, name: string, raw = false): string | undefined {
  const q = url.indexOf('?')
  if (q < 0) return undefined
  const query = url.slice(q + 1).split('#')[0]!
  if (raw) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=')
      if ((eq < 0 ? pair : pair.slice(0, eq)) === name) return eq < 0 ? '' : pair.slice(eq + 1)
    }
    return undefined
  }
  for (const [k, v] of parseForm(query)) if (k === name) return v
  return undefined
}

export function jsonPath(value: unknown, path: string): unknown {
  let cur = value
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

function scalar(v: unknown): string {
  if (v === undefined || v === null) return ''
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** JSON as PHP's json_encode writes it by default: "/" escaped, every character outside printable ASCII as \\uXXXX. */
const phpJson = (text: string): string =>
  text.replace(/\//g, '\\/').replace(/[^\x20-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))

function partBytes(part: ContentPart, req: SignableRequest, ctx: ContentContext): Uint8Array {
  if ('literal' in part) return utf8(part.literal)
  if ('encode' in part) {
    const inner = buildContent(part.parts, req, ctx)
    return utf8(part.encode === 'base64' ? toBase64(inner) : toBase64Url(inner, false))
  }
  if ('digest' in part) {
    const hash = digestSync(part.digest, new Uint8Array(0), buildContent(part.parts, req, ctx))
    return utf8(part.encoding === 'hex' ? toHex(hash) : toBase64(hash))
  }
  if ('firstOf' in part) {
    for (const p of part.firstOf) {
      try {
        return partBytes(p, req, ctx)
      } catch (err) {
        if (!(err instanceof ContentError)) throw err
      }
    }
    throw new ContentError('missing-param', 'The request has none of the values this scheme signs.')
  }
  if ('jsonObject' in part) return utf8(jsonObjectText(part.jsonObject, req, ctx))
  if ('sorted' in part) {
    const pieces = part.sorted.map((p) => fromUtf8(partBytes(p, req, ctx))).sort()
    return utf8(pieces.join(''))
  }
  return requestPart(part, req, ctx) ?? bodyPart(part, req)
}

type Leaf = Extract<ContentPart, { part: string }>

/**
 * `{"Body":"…","TimeStamp":1700000000000}` as JSON.stringify writes it, each value built from its parts; the
 * object has no prototype, so a member a user's scheme names "__proto__" is a member like any other.
 */
function jsonObjectText(members: readonly JsonMember[], req: SignableRequest, ctx: ContentContext): string {
  const doc: Record<string, string | number> = Object.create(null) as Record<string, string | number>
  for (const m of members) {
    const text = fromUtf8(buildContent(m.parts, req, ctx))
    if (m.as !== 'integer') doc[m.name] = text
    else if (/^-?\d{1,15}$/.test(text)) doc[m.name] = Number(text)
    else throw new ContentError('missing-param', `"${m.name}" is signed as an integer, but its value is not one.`)
  }
  return JSON.stringify(doc)
}

/** The parts read straight off the request or the context (body, URL, a header, the timestamp…); null for the others. */
function requestPart(part: Leaf, req: SignableRequest, ctx: ContentContext): Uint8Array | null {
  switch (part.part) {
    case 'body':
      return req.body
    case 'method':
      return utf8(req.method.toUpperCase())
    case 'url':
      return utf8(req.url)
    case 'url-base': {
      // The URL without its query or fragment (Plivo V2 signs it so).
      const cut = req.url.search(/[?#]/)
      return utf8(cut < 0 ? req.url : req.url.slice(0, cut))
    }
    case 'path':
      return utf8(requestPath(req.url))
    case 'path-escaped': {
      // Contentful's canonical path: the query escaped as one component, then the whole URI-encoded.
      const [pathname = '/', search] = requestPath(req.url).split('?')
      return utf8(encodeURI(search ? `${pathname}?${encodeURIComponent(search)}` : pathname))
    }
    case 'header': {
      const v = headerValue(req.headers, part.name)
      if (v === undefined)
        throw new ContentError(
          'missing-header',
          `The request has no ${part.name} header, which is part of the signed content.`
        )
      return utf8(v)
    }
    case 'jws-signing-input':
      return utf8(jwsSigningInput(req.body))
    case 'body-crc32':
      return utf8(String(CRC32.buf(req.body) >>> 0))
    case 'timestamp':
      if (ctx.timestamp === null)
        throw new ContentError('missing-timestamp', 'No timestamp was found for the signed content.')
      return utf8(ctx.timestamp)
    case 'id':
      if (ctx.id === null) throw new ContentError('missing-id', 'No delivery id was found for the signed content.')
      return utf8(ctx.id)
    case 'secret':
      if (!ctx.secret) throw new ContentError('no-key', 'This scheme signs the secret itself; a secret is needed.')
      return ctx.secret
    case 'param': {
      const v = (part.header ? headerValue(req.headers, part.header) : undefined) ?? ctx.params[part.name]
      if (v === undefined)
        throw new ContentError(
          'missing-param',
          `This scheme needs the "${part.name}" setting${part.header ? ` (or a ${part.header} header on the request)` : ''}.`
        )
      return utf8(v)
    }
    case 'query': {
      const v = queryParam(req.url, part.name)
      if (v === undefined) throw new ContentError('missing-param', `The URL has no "${part.name}" query parameter.`)
      return utf8(v)
    }
    default:
      return null
  }
}

/** The headers another header lists (Contentful), sorted, as name:value pairs joined by ";". */
function listedHeaders(req: SignableRequest, listHeader: string): Uint8Array {
  const list = headerValue(req.headers, listHeader)
  if (list === undefined)
    throw new ContentError('missing-header', `The request has no ${listHeader} header, which lists the signed headers.`)
  const names = list
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean)
    .sort()
  const pairs = names.map((n) => {
    const value = headerValue(req.headers, n)
    if (value === undefined)
      throw new ContentError('missing-header', `The request has no ${n} header, which ${listHeader} lists as signed.`)
    return `${n}:${value.trim()}`
  })
  return utf8(pairs.join(';'))
}

/** The parts drawn out of the body (form, JSON, XML fields) or from headers another header lists. */
function bodyPart(part: Leaf, req: SignableRequest): Uint8Array {
  switch (part.part) {
    case 'listed-headers':
      return listedHeaders(req, part.list)
    case 'header-jwt': {
      const jwt = jwtSigningInput(req, part)
      if ('reason' in jwt) throw new ContentError(jwt.reason, jwt.message)
      return utf8(jwt.input)
    }
    case 'form-sorted': {
      const exclude = new Set(part.exclude ?? [])
      const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
      let pairs = parseForm(fromUtf8(req.body))
        .filter(([k, v]) => !exclude.has(k) && !(part.skipEmpty && v.trim() === ''))
        .sort(([a, av], [b, bv]) => cmp(a, b) || (part.repeated === 'sorted-unique' ? cmp(av, bv) : 0))
      if (part.repeated === 'sorted-unique')
        pairs = pairs.filter(([k, v], i) => i === 0 || k !== pairs[i - 1]![0] || v !== pairs[i - 1]![1])
      return utf8(pairs.map(([k, v]) => k + part.kvJoin + v).join(part.pairJoin))
    }
    case 'xml-element': {
      const text = xmlElementText(fromUtf8(req.body), part.name)
      if (text === null) throw new ContentError('missing-param', `The XML body has no <${part.name}> element.`)
      return utf8(text)
    }
    case 'json-member': {
      const text = memberText(fromUtf8(req.body), part.name)
      if (text === null)
        throw new ContentError('missing-param', `The JSON body has no top-level "${part.name}" member.`)
      return utf8(text)
    }
    case 'form-field': {
      const hit = parseForm(fromUtf8(req.body)).find(([k]) => k === part.name)
      if (!hit) throw new ContentError('missing-param', `The form body has no "${part.name}" field.`)
      return utf8(hit[1])
    }
    case 'json-fields': {
      let parsed: unknown
      try {
        parsed = JSON.parse(fromUtf8(req.body))
      } catch {
        parsed = undefined
      }
      const text = part.paths.map((p) => scalar(jsonPath(parsed, p))).join(part.separator)
      return utf8(part.escape === 'php-json' ? phpJson(text) : text)
    }
    case 'json-pairs': {
      let parsed: Record<string, unknown> = {}
      try {
        const doc: unknown = JSON.parse(fromUtf8(req.body))
        if (doc && typeof doc === 'object' && !Array.isArray(doc)) parsed = doc as Record<string, unknown>
      } catch {
        /* not JSON: nothing is present */
      }
      return utf8(
        part.names
          .filter((n) => Object.hasOwn(parsed, n) && parsed[n] !== null && parsed[n] !== undefined)
          .map((n) => `${n}\n${scalar(parsed[n])}\n`)
          .join('')
      )
    }
    default:
      throw new Error(`unknown content part ${part.part}`)
  }
}

/** The exact bytes a scheme signs for this request. */
export function buildContent(parts: readonly ContentPart[], req: SignableRequest, ctx: ContentContext): Uint8Array {
  return concatBytes(parts.map((p) => partBytes(p, req, ctx)))
}
