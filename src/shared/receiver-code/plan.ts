import type { Algorithm, ContentPart, SchemeDefinition } from '../signatures'

/** Why a scheme cannot be turned into a snippet (the receiver code covers the common shapes). */
export class CodegenUnsupported extends Error {}

/** One piece of signed content, in terms every language writes the same way. */
export type Piece =
  | { kind: 'lit'; text: string }
  | { kind: 'body' }
  | { kind: 'header'; name: string }
  | { kind: 'ts' }
  | { kind: 'id' }
  | { kind: 'secret' }
  | { kind: 'method' }
  | { kind: 'url' }
  | { kind: 'path' }
  | { kind: 'query'; name: string }
  | { kind: 'form-field'; name: string }
  | {
      kind: 'form-sorted'
      kvJoin: string
      pairJoin: string
      exclude: string[]
      skipEmpty: boolean
      sortedUnique: boolean
    }
  /** Read from the item being checked (the whole document, or one batch item). */
  | { kind: 'json-fields'; paths: string[]; separator: string }

export type Family = 'hmac' | 'hash' | 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'ed25519' | 'token'

/** A scheme as receiver code sees it: where each value is read, what is signed, how it is checked. */
export interface Plan {
  id: string
  name: string
  description: string
  family: Family
  /** sha1 / sha256 / sha512. */
  hash: 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512' | null
  /** The main reading first, then the documented alternatives (any may match). */
  contents: { label: string | null; pieces: Piece[] }[]
  signature:
    | { where: 'header'; names: string[] }
    | { where: 'json'; path: string }
    | { where: 'form'; name: string }
    | { where: 'query'; name: string }
  /** Every form but base64 JSON (refused above). */
  format: Exclude<SchemeDefinition['signature']['format'], { kind: 'base64-json' }>
  encoding: 'hex' | 'base64' | 'base64url' | 'utf8'
  urlEncoded: boolean
  ecdsaRaw: boolean
  key: { form: 'utf8' | 'hex' | 'base64' | 'public-key'; prefix: string }
  timestamp: null | {
    where: 'header' | 'query' | 'json' | 'signature'
    name: string
    unit: 's' | 'ms' | 'rfc3339'
    toleranceSec: number | null
  }
  idHeader: string | null
  /** Lower-case canonical header name → other names a sender may use. */
  headerAliases: Record<string, string[]>
  /** Each item of this JSON array is signed on its own; all must be valid (Adyen classic). */
  items: { path: string; field: string | null } | null
  /** Twilio's JSON deliveries: when the URL has this query parameter, it is the body's hex SHA-256 and the form is not signed. */
  bodyDigestQuery: string | null
  /** HubSpot: a header value picks another plan. */
  versions: { header: string; plans: Record<string, Plan> } | null
}

function family(alg: Algorithm): { family: Family; hash: Plan['hash'] } {
  switch (alg) {
    case 'hmac-sha1':
    case 'hmac-sha256':
    case 'hmac-sha512':
      return { family: 'hmac', hash: alg.slice(5) as Plan['hash'] }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha384':
    case 'sha512':
      return { family: 'hash', hash: alg }
    case 'rsa-pkcs1-sha1':
    case 'rsa-pkcs1-sha256':
    case 'rsa-pkcs1-sha512':
      return { family: 'rsa-pkcs1', hash: alg.slice(10) as Plan['hash'] }
    case 'rsa-pss-sha256':
      return { family: 'rsa-pss', hash: 'sha256' }
    case 'rsa-pss-sha512':
      return { family: 'rsa-pss', hash: 'sha512' }
    case 'ecdsa-p256-sha256':
      return { family: 'ecdsa', hash: 'sha256' }
    case 'ecdsa-p256-sha1':
      return { family: 'ecdsa', hash: 'sha1' }
    case 'ed25519':
      return { family: 'ed25519', hash: null }
    case 'token':
      return { family: 'token', hash: null }
  }
}

function piece(p: ContentPart): Piece {
  if ('literal' in p) return { kind: 'lit', text: p.literal }
  if (!('part' in p)) throw new CodegenUnsupported('encoded, sorted, alternative or JSON-object content parts')
  switch (p.part) {
    case 'body':
    case 'method':
    case 'url':
    case 'path':
    case 'id':
    case 'secret':
      return { kind: p.part }
    case 'timestamp':
      return { kind: 'ts' }
    case 'header':
    case 'query':
    case 'form-field':
      return { kind: p.part, name: p.name }
    case 'json-fields':
      if (p.escape) throw new CodegenUnsupported('JSON written as PHP writes it')
      return { kind: 'json-fields', paths: p.paths, separator: p.separator }
    case 'form-sorted':
      return {
        kind: 'form-sorted',
        kvJoin: p.kvJoin,
        pairJoin: p.pairJoin,
        exclude: p.exclude ?? [],
        skipEmpty: p.skipEmpty === true,
        sortedUnique: p.repeated === 'sorted-unique'
      }
    default:
      throw new CodegenUnsupported(`the "${p.part}" content part`)
  }
}

/** The plan for a scheme; `resolve` finds the schemes a versioned scheme dispatches to. */
export function plan(s: SchemeDefinition, resolve: (id: string) => SchemeDefinition | undefined): Plan {
  const { family: fam, hash } = family(s.algorithm)
  if (s.key.form === 'private-key') throw new CodegenUnsupported('a private verification key')
  const loc = s.signature
  const signature: Plan['signature'] = loc.header
    ? { where: 'header', names: [loc.header, ...(loc.alsoHeaders ?? [])] }
    : loc.jsonField
      ? { where: 'json', path: loc.jsonField }
      : loc.formField
        ? { where: 'form', name: loc.formField }
        : { where: 'query', name: loc.query! }
  const t = s.timestamp
  const timestamp: Plan['timestamp'] = t
    ? {
        where: t.fromSignature ? 'signature' : t.header ? 'header' : t.query ? 'query' : 'json',
        name: t.header ?? t.query ?? t.jsonField ?? '',
        unit: t.unit,
        toleranceSec: t.toleranceSec ?? null
      }
    : null
  if (loc.bodyJws) throw new CodegenUnsupported('a body that is a JWS')
  if (loc.headerJwt) throw new CodegenUnsupported('a JWT carried in a header')
  if (s.deliveryId?.fromSignature) throw new CodegenUnsupported('a nonce carried in the signature header')
  if (loc.encoding === 'base64-hex') throw new CodegenUnsupported('a signature that is base64 of hex text')
  if (s.versionedBy && s.versionedBy.header === undefined)
    throw new CodegenUnsupported('a version chosen by a JSON body field')
  if (loc.format.kind === 'list' && loc.format.timestampFirst)
    throw new CodegenUnsupported('a timestamp as the first item of the signature list')
  if (loc.format.kind === 'base64-json') throw new CodegenUnsupported('a signature inside base64 JSON')
  if (s.algorithm === 'ecdsa-p256-sha1') throw new CodegenUnsupported('ECDSA over SHA-1')
  if (loc.format.kind === 'kv' && loc.format.otherKeys?.length)
    throw new CodegenUnsupported('signatures under several keys of the header')
  const versions = s.versionedBy
    ? {
        header: s.versionedBy.header!,
        plans: Object.fromEntries(
          Object.entries(s.versionedBy.schemes).map(([value, id]) => {
            const target = resolve(id)
            if (!target) throw new CodegenUnsupported(`version ${value}, whose scheme "${id}" is not known`)
            return [value, plan({ ...target, versionedBy: undefined }, resolve)]
          })
        )
      }
    : null
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    family: fam,
    hash,
    contents: [
      { label: null, pieces: s.signedContent.map(piece) },
      ...(s.alternatives ?? []).map((a) => ({ label: a.label, pieces: a.signedContent.map(piece) }))
    ],
    signature,
    format: loc.format,
    encoding:
      loc.encoding === 'utf8'
        ? 'utf8'
        : loc.encoding.startsWith('hex')
          ? 'hex'
          : loc.encoding.startsWith('base64url')
            ? 'base64url'
            : 'base64',
    urlEncoded: loc.urlEncoded === true,
    ecdsaRaw: loc.ecdsaForm === 'raw',
    key: { form: s.key.form, prefix: s.key.prefix ?? '' },
    timestamp,
    idHeader: s.deliveryId?.header ?? null,
    headerAliases: Object.fromEntries(Object.entries(s.headerAliases ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    items: s.items ? { path: s.items.path, field: s.items.field ?? null } : null,
    bodyDigestQuery: s.bodyDigestQuery ?? null,
    versions
  }
}

/** Predicates on a plan: which helper functions the generated code needs. */
export const usesJson = (p: Plan): boolean =>
  p.signature.where === 'json' ||
  p.timestamp?.where === 'json' ||
  p.items !== null ||
  p.contents.some((c) => c.pieces.some((x) => x.kind === 'json-fields'))
export const usesForm = (p: Plan): boolean =>
  p.signature.where === 'form' ||
  p.contents.some((c) => c.pieces.some((x) => x.kind === 'form-sorted' || x.kind === 'form-field'))
export const usesQuery = (p: Plan): boolean =>
  p.signature.where === 'query' ||
  p.timestamp?.where === 'query' ||
  p.bodyDigestQuery !== null ||
  p.contents.some((c) => c.pieces.some((x) => x.kind === 'query'))
export const all = (p: Plan): Plan[] => [p, ...Object.values(p.versions?.plans ?? {})]

export const asymmetric = (p: Plan): boolean => !['hmac', 'hash', 'token'].includes(p.family)

export const pascal = (id: string): string =>
  id
    .split(/[-_]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
export const snake = (id: string): string => id.replace(/-/g, '_')
export const q = (s: string): string => JSON.stringify(s)
