import * as v from 'valibot'

/**
 * The pieces a scheme definition is made of (schema.ts puts them together): names and content parts;
 * where the signature and timestamp travel is in schema-places.ts.
 */

export const ALGORITHMS = [
  'hmac-sha1',
  'hmac-sha256',
  'hmac-sha512',
  'sha1',
  'sha256',
  'sha512',
  /** A plain SHA-384 digest (Praxis signs chosen fields and its secret so). */
  'sha384',
  /** A plain MD5 digest: weak, kept for providers that still sign so (Quoter). */
  'md5',
  'rsa-pkcs1-sha1',
  'rsa-pkcs1-sha256',
  'rsa-pkcs1-sha512',
  'rsa-pss-sha256',
  /** Salted with the digest's length or the most the key allows (both accepted: Utila). */
  'rsa-pss-sha512',
  'ecdsa-p256-sha256',
  /** ECDSA P-256 over a SHA-1 digest (eBay's notifications). */
  'ecdsa-p256-sha1',
  'ed25519',
  /** The "signature" is the shared secret itself (GitLab's X-Gitlab-Token, password modes). */
  'token'
] as const
/** `base64-hex`: base64 of the lower-case hex text of the digest (Solidgate). */
export const ENCODINGS = ['hex', 'hex-upper', 'base64', 'base64url', 'base64url-nopad', 'base64-hex', 'utf8'] as const
export const KEY_FORMS = ['utf8', 'hex', 'base64', 'public-key', 'private-key'] as const
/** Digests a content part can be made of (`{ digest, encoding, parts }`). */
export const DIGESTS = ['sha1', 'sha256', 'sha512'] as const
export type DigestName = (typeof DIGESTS)[number]
const SIMPLE_PARTS = [
  'body',
  'body-crc32',
  'jws-signing-input',
  'method',
  'url',
  'url-base',
  'path',
  'path-escaped',
  'timestamp',
  'id',
  'secret'
] as const
/** `json-member`: a top-level member's value exactly as the body has it (Exact Online signs its Content so). */
const NAMED_PARTS = ['header', 'query', 'xml-element', 'form-field', 'json-member'] as const
const PART_KINDS = [
  ...SIMPLE_PARTS,
  ...NAMED_PARTS,
  'param',
  'form-sorted',
  'json-fields',
  'json-pairs',
  'listed-headers',
  'header-jwt'
] as const

export const oneOf = <const T extends readonly string[]>(values: T) =>
  v.picklist(values, `must be one of ${values.join(', ')}`)
export const text = v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string'))
export const slug = v.pipe(
  v.string('must be a string'),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and dashes (at most 64)')
)
export const names = v.array(text, 'must be a list of non-empty strings')
export const flag = v.boolean('must be true or false')

/** A strict object: a misspelt field is an error that lists the fields this object takes. */
export function record<const E extends v.ObjectEntries>(
  entries: E,
  shape: string,
  missing: Partial<Record<keyof E, string>> = {}
) {
  const known = Object.keys(entries).join(', ')
  return v.strictObject(entries, (issue) => {
    if (issue.expected === 'never') return `unknown field; this object takes ${known}`
    if (issue.expected === 'Object') return `must be an object such as ${shape}`
    const key = String(issue.path?.at(-1)?.key) as keyof E
    return missing[key] ?? `is required, as in ${shape}`
  })
}

/** Content parts without nested parts. */
const LeafPart = v.variant(
  'part',
  [
    /**
     * The body, its CRC-32 (unsigned decimal: PayPal), method, full URL, the URL without its query, path and
     * query as sent, timestamp, delivery id or the secret itself.
     */
    record({ part: v.picklist(SIMPLE_PARTS) }, '{"part":"body"}'),
    /** A header's value, a query parameter's decoded value, the text of an XML element, one form field's decoded value. */
    record({ part: v.picklist(NAMED_PARTS), name: text }, '{"part":"header","name":"X-Timestamp"}'),
    /** A setting given with the key; `header`: the request carries it there, which wins when present (Tini App's client key). */
    record({ part: v.literal('param'), name: text, header: v.optional(text) }, '{"part":"param","name":"clientKey"}'),
    /** Form body parameters sorted by name, each `name + kvJoin + value`, joined by `pairJoin`. */
    record(
      {
        part: v.literal('form-sorted'),
        kvJoin: v.optional(v.string(), '='),
        pairJoin: v.optional(v.string(), '&'),
        exclude: v.optional(names),
        skipEmpty: v.optional(flag),
        /** A repeated name's values: in the order sent (default), or sorted with duplicates dropped (Twilio). */
        repeated: v.optional(oneOf(['as-sent', 'sorted-unique'] as const))
      },
      '{"part":"form-sorted","exclude":["sign"]}'
    ),
    /** Values of JSON body fields by dotted path (missing → empty), joined by `separator`. */
    record(
      {
        part: v.literal('json-fields'),
        paths: v.pipe(names, v.minLength(1, 'must list at least one dotted path')),
        separator: v.optional(v.string(), ''),
        /** An object value written as PHP's json_encode does: "/" as "\\/", non-ASCII as \\uXXXX (Treezor). */
        escape: v.optional(v.literal('php-json', 'must be "php-json" when present'))
      },
      '{"part":"json-fields","paths":["timestamp","token"]}'
    ),
    /** The headers another header lists (Contentful's x-contentful-signed-headers), sorted by name, as `name:value` joined by `;`. */
    record(
      { part: v.literal('listed-headers'), list: text },
      '{"part":"listed-headers","list":"x-contentful-signed-headers"}'
    ),
    /** Header and payload of a JWT in a header (FusionAuth); `bodyClaim`: the claim holding the body's digest (must match). */
    record(
      {
        part: v.literal('header-jwt'),
        name: text,
        alg: oneOf(['HS256', 'HS512', 'RS256', 'ES256'] as const),
        bodyClaim: v.optional(
          record(
            { claim: text, digest: oneOf(DIGESTS), encoding: oneOf(['hex', 'base64'] as const) },
            '{"claim":"request_body_sha256","digest":"sha256","encoding":"base64"}'
          )
        )
      },
      '{"part":"header-jwt","name":"X-Signature-JWT","alg":"HS256"}'
    ),
    /** JSON body fields by name, each present one as `name + "\n" + value + "\n"`, in this order; absent ones are left out (Amazon SNS). */
    record(
      { part: v.literal('json-pairs'), names: v.pipe(names, v.minLength(1, 'must list at least one field name')) },
      '{"part":"json-pairs","names":["Message","Type"]}'
    )
  ],
  (issue) =>
    issue.received === 'undefined'
      ? `is missing: one of ${PART_KINDS.join(', ')}`
      : `unknown part ${issue.received}: use one of ${PART_KINDS.join(', ')}`
)

type Leaf = v.InferOutput<typeof LeafPart>
type LeafInput = v.InferInput<typeof LeafPart>
/**
 * One piece of the signed content; pieces are concatenated in order. (Nested kinds are written out: TypeScript
 * cannot infer a recursive schema.)
 */
export type ContentPart =
  | Leaf
  | { literal: string }
  /** The concatenation of `parts`, encoded (Tiki Tini App signs base64url of its string). */
  | { encode: 'base64url-nopad' | 'base64'; parts: ContentPart[] }
  /** The digest of the concatenation of `parts`, as text (Tebex signs the hex SHA-256 of the body). */
  | { digest: DigestName; encoding: 'hex' | 'base64'; parts: ContentPart[] }
  /** The given parts sorted as strings, then concatenated (WeCom). */
  | { sorted: ContentPart[] }
  /** The first of the parts the request has (WeCom: echostr on GET, <Encrypt> on POST). */
  | { firstOf: ContentPart[] }
  /** A JSON object written as JSON.stringify does, each member's value built from parts (Hygraph). */
  | { jsonObject: JsonMember[] }
/** One member of a `jsonObject` part: its text as a JSON string (default), or as an integer. */
export interface JsonMember {
  name: string
  parts: ContentPart[]
  as?: 'string' | 'integer'
}
export type ContentPartInput =
  | LeafInput
  | { literal: string }
  | { encode: string; parts: ContentPartInput[] }
  | { digest: string; encoding: string; parts: ContentPartInput[] }
  | { sorted: ContentPartInput[] }
  | { firstOf: ContentPartInput[] }
  | { jsonObject: { name: string; parts: ContentPartInput[]; as?: string }[] }

/** The parts a nested part is made of (none for a leaf or a literal). */
export function childParts(p: ContentPart): readonly ContentPart[] {
  if ('parts' in p) return p.parts
  if ('sorted' in p) return p.sorted
  if ('firstOf' in p) return p.firstOf
  if ('jsonObject' in p) return p.jsonObject.flatMap((m) => m.parts)
  return []
}

export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)
const parts = (): v.GenericSchema<ContentPartInput[], ContentPart[]> =>
  v.pipe(v.array(Part, 'must be a list of parts'), v.minLength(1, 'must be a non-empty list of parts'))
export const Part: v.GenericSchema<ContentPartInput, ContentPart> = v.lazy((input) => {
  if (isObject(input) && 'literal' in input) return record({ literal: text }, '{"literal":"."}')
  if (isObject(input) && 'encode' in input)
    return record(
      { encode: oneOf(['base64url-nopad', 'base64'] as const), parts: parts() },
      '{"encode":"base64","parts":[…]}'
    )
  if (isObject(input) && 'digest' in input)
    return record(
      { digest: oneOf(DIGESTS), encoding: oneOf(['hex', 'base64'] as const), parts: parts() },
      '{"digest":"sha256","encoding":"hex","parts":[{"part":"body"}]}'
    )
  if (isObject(input) && 'sorted' in input) return record({ sorted: parts() }, '{"sorted":[…]}')
  if (isObject(input) && 'firstOf' in input) return record({ firstOf: parts() }, '{"firstOf":[…]}')
  if (isObject(input) && 'jsonObject' in input)
    return record(
      {
        jsonObject: v.pipe(
          v.array(
            record(
              { name: text, parts: parts(), as: v.optional(oneOf(['string', 'integer'] as const)) },
              '{"name":"Body","parts":[{"part":"body"}]}'
            ),
            'must be a list of members'
          ),
          v.minLength(1, 'must list at least one member')
        )
      },
      '{"jsonObject":[{"name":"Body","parts":[{"part":"body"}]}]}'
    )
  if (isObject(input)) return LeafPart
  return v.custom<never>(() => false, 'must be an object such as {"part":"body"} or {"literal":"."}')
})
export const ContentParts = parts()
