import { fromBase64 } from '../bytes'
import { parseFormFields, looksLikeForm, type FormField } from './form'
import { isJson } from './json'
import { jsonStringValues } from './json-tree'
import { decodeJwt, type DecodedJwt } from './jwt'
import { parseMultipart, type MultipartPart } from './multipart'
import { decodeText, looksBinary, parseContentType } from './text'
import { looksLikeXml } from './xml'

export type LayerKind = 'json' | 'ndjson' | 'form' | 'multipart' | 'xml' | 'jwt' | 'text' | 'binary' | 'empty'

/** A value inside a layer that is itself decodable, and can be opened as its own layer. */
export interface ChildRef {
  /** Field name, JSON path or part name. */
  key: string
  /** How the value was unwrapped: 'JSON', 'URL-encoded JSON', 'base64', 'JWT', 'XML', 'form'. */
  how: string
  text: string
}

export interface Layer {
  kind: LayerKind
  /** Short name for the breadcrumb. */
  label: string
  bytes: Uint8Array
  text: string | null
  charset: string
  invalidUtf8: boolean
  note: string | null
  fields?: FormField[]
  parts?: MultipartPart[]
  partsComplete?: boolean
  jwt?: DecodedJwt
  children: ChildRef[]
}

const LABEL: Record<LayerKind, string> = {
  json: 'JSON',
  ndjson: 'NDJSON',
  form: 'form',
  multipart: 'multipart',
  xml: 'XML',
  jwt: 'JWT',
  text: 'text',
  binary: 'binary',
  empty: 'empty'
}
/** Above this, nested values are not searched (the layer is still shown). */
const CHILD_SCAN_LIMIT = 8 * 1024 * 1024
const enc = new TextEncoder()

/** Whether a string value hides another layer, and what it decodes to. */
export function unwrapValue(key: string, value: string): ChildRef | null {
  const v = value.trim()
  if (v.length < 2 || v.length > CHILD_SCAN_LIMIT) return null
  if ((v[0] === '{' || v[0] === '[') && isJson(v)) return { key, how: 'JSON', text: v }
  if (/^%(7B|5B)/i.test(v)) {
    try {
      const d = decodeURIComponent(v.replace(/\+/g, ' '))
      if (isJson(d)) return { key, how: 'URL-encoded JSON', text: d }
    } catch {
      /* not URL-encoded */
    }
  }
  if (decodeJwt(v)) return { key, how: 'JWT', text: v }
  if (v.length >= 16 && v.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) && !/^\d+$/.test(v)) {
    try {
      const bytes = fromBase64(v)
      const t = decodeText(bytes).text
      if (
        t !== null &&
        !looksBinary(bytes) &&
        (isJson(t) || looksLikeXml(t) || /^[\x20-\x7e\s\u00a0-\uffff]+$/.test(t))
      )
        return { key, how: 'base64', text: t }
    } catch {
      /* not base64 */
    }
  }
  if (looksLikeXml(v) && v.endsWith('>')) return { key, how: 'XML', text: v }
  return null
}

function kindFromMime(mime: string): LayerKind | null {
  if (mime === 'application/x-www-form-urlencoded') return 'form'
  if (mime.startsWith('multipart/')) return 'multipart'
  if (mime === 'application/x-ndjson' || mime === 'application/jsonl' || mime === 'application/x-jsonlines')
    return 'ndjson'
  if (mime.endsWith('json')) return 'json'
  if (mime.endsWith('xml')) return 'xml'
  if (mime === 'application/jwt') return 'jwt'
  return null
}

function sniff(text: string): LayerKind {
  const t = text.trim()
  if (!t) return 'empty'
  if ((t[0] === '{' || t[0] === '[') && isJson(t)) return 'json'
  if (
    t[0] === '{' &&
    t.includes('\n') &&
    t
      .split(/\r?\n/)
      .filter(Boolean)
      .every((l) => isJson(l))
  )
    return 'ndjson'
  if (decodeJwt(t)) return 'jwt'
  if (looksLikeXml(t)) return 'xml'
  if (looksLikeForm(t) && t.includes('=')) return 'form'
  return 'text'
}

/**
 * Reads one layer: the content type decides first, sniffing second; text that does not parse as
 * the declared type falls back to text with a note (the raw bytes stay the source of truth).
 */
export function analyzeLayer(bytes: Uint8Array, contentType: string | null): Layer {
  const ct = parseContentType(contentType)
  const base = { bytes, children: [] as ChildRef[], note: null as string | null }
  if (bytes.length === 0)
    return { ...base, kind: 'empty', label: LABEL.empty, text: '', charset: 'utf-8', invalidUtf8: false }

  if (ct.mime.startsWith('multipart/') && ct.params.boundary) {
    const { parts, complete } = parseMultipart(bytes, ct.params.boundary)
    const children: ChildRef[] = []
    for (const p of parts.slice(0, 200)) {
      if (p.filename !== null || looksBinary(p.body)) continue
      const t = decodeText(p.body).text
      if (t === null) continue
      const c = unwrapValue(p.name ?? '(part)', t)
      if (c) children.push(c)
    }
    return {
      ...base,
      kind: 'multipart',
      label: LABEL.multipart,
      text: null,
      charset: 'binary',
      invalidUtf8: false,
      parts,
      partsComplete: complete,
      children,
      note: complete ? null : `Showing the first ${parts.length} parts; the body has more or is cut short.`
    }
  }

  const decoded = decodeText(bytes, ct.params.charset ?? 'utf-8')
  if (decoded.text === null || (looksBinary(bytes) && !kindFromMime(ct.mime) && !ct.mime.startsWith('text/'))) {
    return {
      ...base,
      kind: 'binary',
      label: LABEL.binary,
      text: null,
      charset: decoded.charset,
      invalidUtf8: decoded.invalid,
      note: decoded.invalid ? `Not valid ${decoded.charset}: shown as hex.` : null
    }
  }
  const text = decoded.text
  const declared = kindFromMime(ct.mime)
  let kind = declared ?? sniff(text)
  let note: string | null = null
  if (kind === 'json' && !isJson(text)) {
    const s = sniff(text)
    note = `Declared ${ct.mime} but not valid JSON: shown as ${s === 'text' ? 'text' : LABEL[s]}.`
    kind = s === 'json' ? 'text' : s
  }
  const jwt = kind === 'jwt' ? decodeJwt(text) : null
  if (kind === 'jwt' && !jwt) {
    const s = sniff(text)
    note = `Declared ${ct.mime} but not a JWT: shown as ${s === 'text' ? 'text' : LABEL[s]}.`
    kind = s === 'jwt' ? 'text' : s
  }
  const layer: Layer = { ...base, kind, label: LABEL[kind], text, charset: decoded.charset, invalidUtf8: false, note }
  if (text.length > CHILD_SCAN_LIMIT) return layer

  if (kind === 'form') {
    layer.fields = parseFormFields(text)
    for (const f of layer.fields) {
      const c = unwrapValue(f.name, f.value)
      if (c) layer.children.push(c)
    }
  } else if (kind === 'json') {
    for (const s of jsonStringValues(text, 2000)) {
      const c = unwrapValue(s.path, s.value)
      if (c) layer.children.push(c)
    }
  } else if (kind === 'jwt' && jwt) {
    layer.jwt = jwt
    layer.children.push(
      { key: 'header', how: 'JSON', text: jwt.header },
      { key: 'payload', how: isJson(jwt.payload) ? 'JSON' : 'text', text: jwt.payload }
    )
  } else if (kind === 'text') {
    const c = unwrapValue('(body)', text)
    if (c) layer.children.push(c)
  }
  return layer
}

/** Opens a child as a layer of its own (its text re-analysed by sniffing). */
export function openChild(child: ChildRef): Layer {
  const mime =
    child.how === 'JSON' || child.how === 'URL-encoded JSON'
      ? 'application/json'
      : child.how === 'XML'
        ? 'application/xml'
        : child.how === 'JWT'
          ? 'application/jwt'
          : null
  return analyzeLayer(enc.encode(child.text), mime)
}

export interface Chain {
  layers: Layer[]
  /** Breadcrumb: encodings, then each layer's label and the key that led into it. */
  crumbs: string[]
}

/**
 * Follows `path` (child keys) from the root. With no path, descends automatically while a
 * form has a single field that unwraps (UseePay's data=…), so the inner JSON opens at once.
 */
export function resolveChain(root: Layer, encodings: string[], path?: string[]): Chain {
  const layers = [root]
  const crumbs = [...encodings, root.label]
  const steps = path ?? []
  let cur = root
  for (let i = 0; ; i++) {
    let next: ChildRef | undefined
    if (path) next = i < steps.length ? cur.children.find((c) => c.key === steps[i]) : undefined
    else if (cur.kind === 'form' && cur.fields?.length === 1 && cur.children.length === 1) next = cur.children[0]
    if (!next) break
    cur = openChild(next)
    layers.push(cur)
    crumbs.push(next.key, cur.label)
  }
  return { layers, crumbs }
}
