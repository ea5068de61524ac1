import type { Algorithm, ContentPart, SchemeDefinition, SignatureEncoding } from './types'

/** A user-written scheme definition is not valid; `path` points at the offending field. */
export class DefinitionError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`)
    this.name = 'DefinitionError'
  }
}

const ALGORITHMS: Algorithm[] = [
  'hmac-sha1',
  'hmac-sha256',
  'hmac-sha512',
  'sha1',
  'sha256',
  'rsa-pkcs1-sha1',
  'rsa-pkcs1-sha256',
  'rsa-pkcs1-sha512',
  'rsa-pss-sha256',
  'ecdsa-p256-sha256',
  'ed25519',
  'token'
]
const ENCODINGS: SignatureEncoding[] = ['hex', 'hex-upper', 'base64', 'base64url', 'base64url-nopad', 'utf8']
const KEY_FORMS = ['utf8', 'hex', 'base64', 'public-key', 'private-key']
const SIMPLE_PARTS = ['body', 'method', 'url', 'path', 'timestamp', 'id', 'secret']

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function str(o: Obj, key: string, path: string, optional = false): string | undefined {
  const v = o[key]
  if (v === undefined && optional) return undefined
  if (typeof v !== 'string' || v === '') throw new DefinitionError(`${path}.${key}`, 'must be a non-empty string')
  return v
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new DefinitionError(path, `must be one of ${allowed.join(', ')}`)
  return v as T
}

function part(v: unknown, path: string): ContentPart {
  if (!isObj(v)) throw new DefinitionError(path, 'must be an object such as {"part":"body"} or {"literal":"."}')
  if ('literal' in v) return { literal: str(v, 'literal', path)! }
  if ('encode' in v) return { encode: oneOf(v.encode, ['base64url-nopad', 'base64'] as const, `${path}.encode`), parts: parts(v.parts, `${path}.parts`) }
  if ('sorted' in v) return { sorted: parts(v.sorted, `${path}.sorted`) }
  if ('firstOf' in v) return { firstOf: parts(v.firstOf, `${path}.firstOf`) }
  const kind = v.part
  if (typeof kind !== 'string') throw new DefinitionError(`${path}.part`, 'is missing')
  if (SIMPLE_PARTS.includes(kind)) return { part: kind } as ContentPart
  switch (kind) {
    case 'param':
      return { part: 'param', name: str(v, 'name', path)!, ...(typeof v.header === 'string' ? { header: v.header } : {}) }
    case 'header':
    case 'query':
    case 'xml-element':
    case 'form-field':
      return { part: kind, name: str(v, 'name', path)! }
    case 'form-sorted':
      return {
        part: 'form-sorted',
        kvJoin: typeof v.kvJoin === 'string' ? v.kvJoin : '=',
        pairJoin: typeof v.pairJoin === 'string' ? v.pairJoin : '&',
        ...(Array.isArray(v.exclude) ? { exclude: v.exclude.map(String) } : {}),
        ...(v.skipEmpty === true ? { skipEmpty: true } : {}),
        ...(v.repeated === 'sorted-unique' || v.repeated === 'as-sent' ? { repeated: v.repeated } : {})
      }
    case 'json-fields':
      if (!Array.isArray(v.paths) || v.paths.some((p) => typeof p !== 'string')) throw new DefinitionError(`${path}.paths`, 'must be a list of dotted paths')
      return { part: 'json-fields', paths: v.paths as string[], separator: typeof v.separator === 'string' ? v.separator : '' }
    default:
      throw new DefinitionError(`${path}.part`, `unknown part "${kind}"`)
  }
}

function parts(v: unknown, path: string): ContentPart[] {
  if (!Array.isArray(v) || v.length === 0) throw new DefinitionError(path, 'must be a non-empty list of parts')
  return v.map((p, i) => part(p, `${path}[${i}]`))
}

const stringList = (v: unknown, path: string): string[] => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) throw new DefinitionError(path, 'must be a list of non-empty strings')
  return v as string[]
}

/** The optional fields: aliases, params, notice, header aliases, body digest, alternative readings. */
function optionalExtras(input: Obj, def: SchemeDefinition): void {
  if (input.aliases !== undefined) {
    def.aliases = stringList(input.aliases, '$.aliases')
    const bad = def.aliases.find((a) => !/^[a-z0-9][a-z0-9-]{0,63}$/.test(a))
    if (bad) throw new DefinitionError('$.aliases', `"${bad}": use lower-case letters, digits and dashes`)
  }
  if (input.params !== undefined) def.params = stringList(input.params, '$.params')
  if (input.notice !== undefined) def.notice = str(input, 'notice', '$')!
  if (input.headerAliases !== undefined) {
    if (!isObj(input.headerAliases))
      throw new DefinitionError('$.headerAliases', 'must map a header name to a list of other names, e.g. {"webhook-id": ["svix-id"]}')
    def.headerAliases = Object.fromEntries(Object.entries(input.headerAliases).map(([k, v]) => [k, stringList(v, `$.headerAliases.${k}`)]))
  }
  if (input.bodyDigestQuery !== undefined) def.bodyDigestQuery = str(input, 'bodyDigestQuery', '$')!
  if (input.versionedBy !== undefined) {
    const v = input.versionedBy
    if (!isObj(v) || !isObj(v.schemes) || Object.values(v.schemes).some((x) => typeof x !== 'string'))
      throw new DefinitionError('$.versionedBy', 'must be {"header": "X-Version", "schemes": {"v1": "scheme-id", …}}')
    def.versionedBy = { header: str(v, 'header', '$.versionedBy')!, schemes: v.schemes as Record<string, string> }
  }
  if (input.items !== undefined) {
    if (!isObj(input.items)) throw new DefinitionError('$.items', 'must be {"path": "notificationItems", "field": "NotificationRequestItem"}')
    def.items = { path: str(input.items, 'path', '$.items')!, ...(typeof input.items.field === 'string' ? { field: input.items.field } : {}) }
  }
  if (input.alternatives !== undefined) {
    if (!Array.isArray(input.alternatives)) throw new DefinitionError('$.alternatives', 'must be a list of {"label", "signedContent"}')
    def.alternatives = input.alternatives.map((a, i) => {
      if (!isObj(a)) throw new DefinitionError(`$.alternatives[${i}]`, 'must be {"label": "…", "signedContent": […]}')
      return { label: str(a, 'label', `$.alternatives[${i}]`)!, signedContent: parts(a.signedContent, `$.alternatives[${i}].signedContent`) }
    })
  }
}

/**
 * Checks a scheme definition written by a user (JSON) and returns it typed; the first
 * problem is reported with its path, e.g. `signature.encoding: must be one of hex, …`.
 */
export function validateDefinition(input: unknown): SchemeDefinition {
  if (!isObj(input)) throw new DefinitionError('$', 'a scheme definition is a JSON object')
  const id = str(input, 'id', '$')!
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new DefinitionError('$.id', 'use lower-case letters, digits and dashes')
  const algorithm = oneOf(input.algorithm, ALGORITHMS, '$.algorithm')
  const key = isObj(input.key) ? input.key : {}
  const form = oneOf(
    key.form ?? (algorithm.startsWith('hmac') || algorithm === 'token' || algorithm.startsWith('sha') ? 'utf8' : 'public-key'),
    KEY_FORMS,
    '$.key.form'
  ) as SchemeDefinition['key']['form']
  if (!isObj(input.signature)) throw new DefinitionError('$.signature', 'must say where the signature travels, e.g. {"header":"X-Signature","encoding":"hex"}')
  const sig = input.signature
  const locations = ['header', 'query', 'formField', 'jsonField'].filter((k) => typeof sig[k] === 'string')
  if (locations.length !== 1) throw new DefinitionError('$.signature', 'needs exactly one of header, query, formField, jsonField')
  const encoding = oneOf(sig.encoding ?? 'hex', ENCODINGS, '$.signature.encoding')
  const fmt = isObj(sig.format) ? sig.format : { kind: 'plain' }
  const kind = oneOf(fmt.kind, ['plain', 'prefixed', 'kv', 'list'] as const, '$.signature.format.kind')
  const format =
    kind === 'prefixed'
      ? { kind, prefix: str(fmt, 'prefix', '$.signature.format')! }
      : kind === 'kv'
        ? {
            kind,
            pairSeparator: str(fmt, 'pairSeparator', '$.signature.format')!,
            kvSeparator: typeof fmt.kvSeparator === 'string' ? fmt.kvSeparator : '=',
            signatureKey: str(fmt, 'signatureKey', '$.signature.format')!,
            ...(typeof fmt.timestampKey === 'string' ? { timestampKey: fmt.timestampKey } : {})
          }
        : kind === 'list'
          ? { kind, separator: str(fmt, 'separator', '$.signature.format')!, ...(typeof fmt.itemPrefix === 'string' ? { itemPrefix: fmt.itemPrefix } : {}) }
          : { kind }
  const def: SchemeDefinition = {
    id,
    name: str(input, 'name', '$', true) ?? id,
    description: str(input, 'description', '$', true) ?? '',
    algorithm,
    key: { form, ...(typeof key.prefix === 'string' ? { prefix: key.prefix } : {}) },
    // A token is compared as it is: nothing is signed.
    signedContent:
      algorithm === 'token' && (input.signedContent === undefined || (Array.isArray(input.signedContent) && input.signedContent.length === 0))
        ? []
        : parts(input.signedContent, '$.signedContent'),
    signature: {
      [locations[0]!]: sig[locations[0]!] as string,
      format: format as SchemeDefinition['signature']['format'],
      encoding,
      ...(sig.alsoHeaders !== undefined ? { alsoHeaders: stringList(sig.alsoHeaders, '$.signature.alsoHeaders') } : {}),
      ...(sig.urlEncoded === true ? { urlEncoded: true } : {}),
      ...(sig.ecdsaForm === 'raw' || sig.ecdsaForm === 'der' ? { ecdsaForm: sig.ecdsaForm } : {})
    }
  }
  if (input.timestamp !== undefined) {
    if (!isObj(input.timestamp)) throw new DefinitionError('$.timestamp', 'must be an object')
    const t = input.timestamp
    const sources = ['header', 'query', 'jsonField'].filter((k) => typeof t[k] === 'string').length + (t.fromSignature === true ? 1 : 0)
    if (sources !== 1) throw new DefinitionError('$.timestamp', 'needs exactly one of header, query, jsonField, fromSignature')
    if (t.toleranceSec !== undefined && (typeof t.toleranceSec !== 'number' || t.toleranceSec < 0))
      throw new DefinitionError('$.timestamp.toleranceSec', 'must be a number of seconds ≥ 0')
    def.timestamp = {
      ...(typeof t.header === 'string' ? { header: t.header } : {}),
      ...(typeof t.query === 'string' ? { query: t.query } : {}),
      ...(typeof t.jsonField === 'string' ? { jsonField: t.jsonField } : {}),
      ...(t.fromSignature === true ? { fromSignature: true } : {}),
      ...(t.jsonNumber === true ? { jsonNumber: true } : {}),
      unit: oneOf(t.unit ?? 's', ['s', 'ms', 'rfc3339'] as const, '$.timestamp.unit'),
      ...(typeof t.toleranceSec === 'number' ? { toleranceSec: t.toleranceSec } : {})
    }
  }
  if (input.deliveryId !== undefined) {
    if (!isObj(input.deliveryId)) throw new DefinitionError('$.deliveryId', 'must be {"header": "…"}')
    def.deliveryId = { header: str(input.deliveryId, 'header', '$.deliveryId')! }
  }
  if (input.detect !== undefined) {
    if (!isObj(input.detect) || !Array.isArray(input.detect.headers) || input.detect.headers.some((h) => typeof h !== 'string')) {
      throw new DefinitionError('$.detect', 'must be {"headers": ["x-my-signature", …]}')
    }
    def.detect = {
      headers: (input.detect.headers as string[]).map((h) => h.toLowerCase()),
      ...(typeof input.detect.bodyHint === 'string' ? { bodyHint: input.detect.bodyHint } : {})
    }
  }
  optionalExtras(input, def)
  const usesTs = JSON.stringify(def.signedContent).includes('"timestamp"')
  if (usesTs && !def.timestamp) throw new DefinitionError('$.timestamp', 'the signed content uses the timestamp, so say where it comes from')
  if (JSON.stringify(def.signedContent).includes('"part":"id"') && !def.deliveryId)
    throw new DefinitionError('$.deliveryId', 'the signed content uses the delivery id, so say which header carries it')
  return def
}
