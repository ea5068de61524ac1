import type { RawHeaders } from '../model/capture'

/** The request as the engine sees it: exact bytes and headers, plus the URL it was sent to. */
export interface SignableRequest {
  method: string
  /** Full URL as the sender addressed it (for schemes that sign it), e.g. https://example.com/hook?x=1 */
  url: string
  headers: RawHeaders
  body: Uint8Array
}

export type Algorithm =
  | 'hmac-sha1'
  | 'hmac-sha256'
  | 'hmac-sha512'
  | 'sha1'
  | 'sha256'
  | 'rsa-pkcs1-sha1'
  | 'rsa-pkcs1-sha256'
  | 'rsa-pkcs1-sha512'
  | 'rsa-pss-sha256'
  | 'ecdsa-p256-sha256'
  | 'ed25519'
  /** The "signature" is the shared secret itself (GitLab's X-Gitlab-Token, password modes). */
  | 'token'

export type SignatureEncoding = 'hex' | 'hex-upper' | 'base64' | 'base64url' | 'base64url-nopad' | 'utf8'

/** One piece of the signed content; pieces are concatenated in order. */
export type ContentPart =
  | { literal: string }
  | { part: 'body' }
  | { part: 'header'; name: string }
  | { part: 'method' }
  /** Full URL as given to the engine. */
  | { part: 'url' }
  /** Path and query as sent (the request target). */
  | { part: 'path' }
  | { part: 'timestamp' }
  | { part: 'id' }
  | { part: 'secret' }
  /** A named value the user configures with the key (e.g. Tiki Tini App's client key, Square's notification URL). */
  /** A setting given with the key; `header`: the request carries it there, which wins when present (Tini App's client key). */
  | { part: 'param'; name: string; header?: string }
  /** Form body parameters sorted by name, each `name + kvJoin + value`, joined by `pairJoin`. */
  | {
      part: 'form-sorted'
      kvJoin: string
      pairJoin: string
      exclude?: string[]
      skipEmpty?: boolean
      /** A repeated name's values: in the order sent (default), or sorted with duplicates dropped (Twilio). */
      repeated?: 'as-sent' | 'sorted-unique'
    }
  /** One form field's URL-decoded value. */
  | { part: 'form-field'; name: string }
  /** Values of JSON body fields by dotted path (missing → empty), joined by `separator`. */
  | { part: 'json-fields'; paths: string[]; separator: string }
  /** The concatenation of `parts`, encoded (Tiki Tini App signs base64url of its string). */
  | { encode: 'base64url-nopad' | 'base64'; parts: ContentPart[] }
  /** The given parts sorted as strings, then concatenated (WeCom). */
  | { sorted: ContentPart[] }
  /** The first of the parts the request has (WeCom: echostr on GET, <Encrypt> on POST). */
  | { firstOf: ContentPart[] }
  /** A query parameter's decoded value. */
  | { part: 'query'; name: string }
  /** The text of the first XML element with this name (CDATA unwrapped). */
  | { part: 'xml-element'; name: string }

export type SignatureFormat =
  | { kind: 'plain' }
  | { kind: 'prefixed'; prefix: string }
  /** `t=…,v1=…,v1=…` style: pairs split by `pairSeparator`, key/value by `kvSeparator`. */
  | { kind: 'kv'; pairSeparator: string; kvSeparator: string; signatureKey: string; timestampKey?: string }
  /** Several signatures separated by `separator`, each optionally prefixed (`v1,…`). */
  | { kind: 'list'; separator: string; itemPrefix?: string }

export interface SignatureLocation {
  /** Header carrying the signature. */
  header?: string
  /** More headers that may each carry a signature; any one that matches makes the delivery valid (Box, DocuSign). */
  alsoHeaders?: string[]
  /** Or a query parameter. */
  query?: string
  /** Or a form-body field. */
  formField?: string
  /** Or a field of a JSON body, by dotted path. */
  jsonField?: string
  format: SignatureFormat
  encoding: SignatureEncoding
  /** The encoded signature is additionally percent-encoded (DingTalk / APSDAI). */
  urlEncoded?: boolean
  /** ECDSA signatures: DER (default) or raw r||s. */
  ecdsaForm?: 'der' | 'raw'
}

export type KeyForm = 'utf8' | 'hex' | 'base64' | 'public-key' | 'private-key'

export interface TimestampRule {
  header?: string
  query?: string
  /** A JSON body field by dotted path (Mailgun's signature.timestamp, Linear's webhookTimestamp). */
  jsonField?: string
  /** The JSON field holds a number, not a string (Linear); how sign writes it. */
  jsonNumber?: boolean
  /** Taken from the signature header's `kv` format (`t=` in Stripe's). */
  fromSignature?: boolean
  unit: 's' | 'ms' | 'rfc3339'
  /** Maximum age (either direction) in seconds; absent = not enforced. */
  toleranceSec?: number
}

export interface SchemeDefinition {
  id: string
  name: string
  description: string
  algorithm: Algorithm
  key: {
    form: KeyForm
    /** Stripped before decoding when present (`whsec_`, `whpk_`). */
    prefix?: string
  }
  signedContent: ContentPart[]
  signature: SignatureLocation
  timestamp?: TimestampRule
  deliveryId?: { header: string }
  /** Names of `param` parts the user supplies with the key. */
  params?: string[]
  aliases?: string[]
  /** Headers whose presence points at this scheme (lower-case), strongest first. */
  detect?: { headers: string[]; bodyHint?: string }
  /** Said in every result: e.g. APSDAI's token does not cover the body. */
  notice?: string
  /**
   * The body is a batch whose items are each signed (Adyen classic notifications): `path` is the
   * JSON array, `field` the item inside each element. Signature and signed content are read per item.
   */
  items?: { path: string; field?: string }
  /**
   * A header whose value chooses another scheme for this delivery (HubSpot's
   * X-HubSpot-Signature-Version: v1 / v2 → their own schemes); absent or unmapped = this scheme.
   */
  versionedBy?: { header: string; schemes: Record<string, string> }
  /** Other names the sender may use for a header the scheme reads (canonical name → aliases, first present wins). */
  headerAliases?: Record<string, string[]>
  /**
   * A query parameter that, when the URL has it, carries the hex SHA-256 of the body; the body is
   * then checked against it and form parameters are not signed (Twilio's JSON deliveries).
   */
  bodyDigestQuery?: string
  /** Other signed-content readings to try when the main one fails (UseePay's form deliveries). */
  alternatives?: { label: string; signedContent: ContentPart[] }[]
}

export interface KeyInput {
  /** Secret text, hex/base64 per the scheme's key form, PEM, bare base64 DER, JWK JSON — or raw bytes. */
  material: string | Uint8Array
  label?: string
}

export type FailureReason =
  | 'missing-header'
  | 'missing-timestamp'
  | 'missing-id'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'signature-mismatch'
  | 'stale-timestamp'
  | 'unsupported-key'
  | 'no-key'
  | 'missing-param'
  | 'invalid-scheme'

export interface Finding {
  /** Machine-readable kind, e.g. `secret-base64`, `body-trailing-newline`, `other-scheme`. */
  kind: string
  message: string
  fix: string
}

export interface VerifyResult {
  valid: boolean
  reason: FailureReason | null
  scheme: string
  /** Plain-sentence explanation of the outcome. */
  message: string
  signedContent: Uint8Array | null
  expected: string | null
  received: string | null
  matchedKey: number | null
  timestamp: { value: string; ageSec: number; toleranceSec: number | null } | null
  /** The whole body is signed (false when only some fields are, or none). */
  bodyCovered: boolean
  /** What of the body is signed: all, these fields, or none. */
  coverage: { kind: 'all' | 'fields' | 'none'; fields: string[] }
  /** Per item, for batch schemes (Adyen classic): every item must be valid. */
  items?: { index: number; label: string | null; valid: boolean; reason: FailureReason | null; message: string }[]
  /** Which documented reading of the signed content matched, when the scheme has several (UseePay form deliveries); null for the main one. */
  variant?: string | null
  notices: string[]
  diagnosis: Finding[]
}

export interface VerifyOptions {
  /** Epoch milliseconds. */
  now: number
  params?: Record<string, string>
  /** Run the mistake finder on failure (default true). */
  diagnose?: boolean
  /** Schemes the mistake finder tries, to say "this is another provider's signature" (passed in: no global list). */
  otherSchemes?: readonly SchemeDefinition[]
  /** Only this reading of the signed content (an alternative's label, or "main"): an endpoint pinning one. */
  variant?: string
}

export interface SignOptions {
  now: number
  /** Sign this reading of the content (an alternative's label) instead of the main one. */
  variant?: string
  id?: string
  params?: Record<string, string>
}
