import * as v from 'valibot'
import { HANDSHAKES } from '@shared/model/vault'
import {
  ALGORITHMS,
  ContentParts,
  flag,
  KEY_FORMS,
  names,
  oneOf,
  Part,
  record,
  slug,
  text,
  type ENCODINGS
} from './schema-parts'
import { SignatureLocation, TimestampRule } from './schema-places'

/**
 * The scheme definition format, declared once: the TypeScript types (`SchemeDefinition` and its
 * parts) are inferred from these schemas, and `validateDefinition` parses user JSON with them.
 * Every built-in scheme is a value of the same type and passes the same parser unchanged.
 */
export { ALGORITHMS, ENCODINGS, KEY_FORMS, isObject, type ContentPart } from './schema-parts'

const defaultKeyForm = (algorithm: string): (typeof KEY_FORMS)[number] =>
  algorithm.startsWith('hmac') || algorithm.startsWith('sha') || algorithm === 'md5' || algorithm === 'token'
    ? 'utf8'
    : 'public-key'
const uses = (content: unknown, part: string): boolean => JSON.stringify(content).includes(`"part":"${part}"`)

const SchemeObject = record(
  {
    id: slug,
    name: v.optional(text),
    description: v.optional(v.string(), ''),
    algorithm: oneOf(ALGORITHMS),
    key: v.optional(
      record(
        {
          form: v.optional(oneOf(KEY_FORMS)),
          /** Stripped before decoding when present (`whsec_`, `whpk_`). */
          prefix: v.optional(text)
        },
        '{"form":"utf8"}'
      ),
      {}
    ),
    /** Empty only for token schemes: nothing is signed. */
    signedContent: v.optional(v.array(Part, 'must be a list of parts'), []),
    signature: SignatureLocation,
    timestamp: v.optional(TimestampRule),
    /** The delivery id (or nonce) the signed content names: a header, or a key of the signature header (`kv` with `idKey`). */
    deliveryId: v.optional(
      v.pipe(
        record(
          { header: v.optional(text), fromSignature: v.optional(v.literal(true, 'must be true when present')) },
          '{"header":"X-Delivery-Id"}'
        ),
        v.check(
          (d) => (d.header === undefined) !== (d.fromSignature === undefined),
          'needs exactly one of header, fromSignature'
        )
      )
    ),
    /** Names of `param` parts the user supplies with the key. */
    params: v.optional(names),
    aliases: v.optional(v.array(slug, 'must be a list of ids')),
    /** Headers whose presence points at this scheme (lower-case), strongest first. */
    detect: v.optional(
      record(
        {
          headers: v.array(v.pipe(text, v.toLowerCase()), 'must be a list of header names'),
          bodyHint: v.optional(text)
        },
        '{"headers":["x-signature"]}'
      )
    ),
    /** Where a delivery names its event (the list's Event column): a header (lower-case) and/or JSON body fields, tried first. */
    event: v.optional(
      record({ header: v.optional(v.pipe(text, v.toLowerCase())), fields: v.optional(names) }, '{"header":"x-event"}')
    ),
    /** What the provider expects back (an endpoint's reply when this scheme is chosen), e.g. TruBit's {"callbackStatus":"SUCCESS"}. */
    reply: v.optional(
      record(
        {
          status: v.pipe(
            v.number(),
            v.integer(),
            v.minValue(200, 'must be 200–599'),
            v.maxValue(599, 'must be 200–599')
          ),
          contentType: text,
          body: v.string()
        },
        '{"status":200,"contentType":"application/json","body":"{\\"ok\\":true}"}'
      )
    ),
    /** The provider's API origin, where its registration calls go (TikiNOW's https://api.tikinow.vn). */
    apiBase: v.optional(
      v.pipe(
        text,
        v.regex(/^https:\/\/[^/?#\s]+$/, 'must be an https:// origin without a path, e.g. https://api.example.com')
      )
    ),
    /**
     * Where the provider's API hands out the verification key: a dotted JSON path in its response (TruBit's
     * create-webhook data.publicKey, base64 DER).
     */
    keyInResponse: v.optional(
      record({ path: text, keyName: text }, '{"path":"data.publicKey","keyName":"Acme webhook public key"}')
    ),
    /**
     * Where a delivery names the URL of the certificate that signed it (PayPal's PAYPAL-CERT-URL header,
     * SNS's SigningCertURL body field) and the hosts it may come from (`*` is one DNS label). Fetched
     * only on the user's request, over https from those hosts (certificate.ts, capture/fetch-certificate.ts).
     */
    certificate: v.optional(
      record(
        {
          header: v.optional(text),
          field: v.optional(text),
          hosts: v.pipe(v.array(v.pipe(text, v.toLowerCase())), v.minLength(1, 'must list at least one host'))
        },
        '{"header":"X-Cert-Url","hosts":["*.example.com"]}'
      )
    ),
    /** The handshake an endpoint of this scheme must answer (model/vault.ts HANDSHAKES), offered with its reply. */
    handshake: v.optional(oneOf(HANDSHAKES)),
    /** Where the recipe is documented (the provider's page). */
    docs: v.optional(text),
    /**
     * What confirms the recipe: "vector" — a published example reproduced in the tests; "sdk" — the
     * provider's official SDK agrees both ways; "docs" — from the documentation, not yet confirmed.
     */
    evidence: v.optional(oneOf(['vector', 'sdk', 'docs'] as const)),
    /** Said in every result: e.g. APSDAI's token does not cover the body. */
    notice: v.optional(text),
    /**
     * The body is a batch whose items are each signed (Adyen classic notifications): `path` is the
     * JSON array, `field` the item inside each element. Signature and signed content are read per item.
     */
    items: v.optional(
      record({ path: text, field: v.optional(text) }, '{"path":"notificationItems","field":"NotificationRequestItem"}')
    ),
    /**
     * A header whose value chooses another scheme for this delivery (HubSpot's
     * X-HubSpot-Signature-Version: v1 / v2 → their own schemes); absent or unmapped = this scheme.
     */
    versionedBy: v.optional(
      v.pipe(
        record(
          {
            header: v.optional(text),
            /** Or a JSON body field (Amazon SNS's SignatureVersion). */
            jsonField: v.optional(text),
            schemes: v.record(text, slug),
            /** A value not in `schemes` is refused with the reason, instead of checked by this scheme. */
            strict: v.optional(flag)
          },
          '{"header":"X-Version","schemes":{"v1":"scheme-id"}}'
        ),
        v.check(
          (x) => (x.header === undefined) !== (x.jsonField === undefined),
          'needs exactly one of header, jsonField'
        )
      )
    ),
    /** Other names the sender may use for a header the scheme reads (canonical name → aliases, first present wins). */
    headerAliases: v.optional(
      v.record(text, names, 'must map a header name to a list of other names, e.g. {"webhook-id": ["svix-id"]}')
    ),
    /**
     * A query parameter that, when the URL has it, carries the hex SHA-256 of the body; the body is
     * then checked against it and form parameters are not signed (Twilio's JSON deliveries).
     */
    bodyDigestQuery: v.optional(text),
    /** A signed URL may carry its default port written out or not (Twilio: :443 added or removed); both are tried. */
    urlPortVariants: v.optional(flag),
    /** Other signed-content readings to try when the main one fails (UseePay's form deliveries). */
    alternatives: v.optional(
      v.array(
        record({ label: text, signedContent: ContentParts }, '{"label":"…","signedContent":[…]}'),
        'must be a list of {"label", "signedContent"}'
      )
    )
  },
  '{"id":"my-provider","algorithm":"hmac-sha256","signedContent":[{"part":"body"}],"signature":{"header":"X-Signature"}}',
  {
    id: 'must be a non-empty string',
    algorithm: `must be one of ${ALGORITHMS.join(', ')}`,
    signature: 'must say where the signature travels, e.g. {"header":"X-Signature","encoding":"hex"}'
  }
)

export const SchemeDefinitionSchema = v.pipe(
  SchemeObject,
  v.forward(
    v.check((d) => d.algorithm === 'token' || d.signedContent.length > 0, 'must be a non-empty list of parts'),
    ['signedContent']
  ),
  v.forward(
    v.check(
      (d) => !uses(d.signedContent, 'timestamp') || d.timestamp !== undefined,
      'the signed content uses the timestamp, so say where it comes from'
    ),
    ['timestamp']
  ),
  v.forward(
    v.check(
      (d) => !uses(d.signedContent, 'id') || d.deliveryId !== undefined,
      'the signed content uses the delivery id, so say which header carries it'
    ),
    ['deliveryId']
  ),
  v.forward(
    v.check(
      (d) =>
        !d.deliveryId?.fromSignature || (d.signature.format.kind === 'kv' && d.signature.format.idKey !== undefined),
      'a delivery id read from the signature needs a kv signature format with an idKey'
    ),
    ['deliveryId']
  ),
  v.transform((d) => ({
    ...d,
    name: d.name ?? d.id,
    key: { ...d.key, form: d.key.form ?? defaultKeyForm(d.algorithm) }
  }))
)

export type SchemeDefinition = v.InferOutput<typeof SchemeDefinitionSchema>
/** A definition as a user may write it: defaults (name, key form, encoding, format, unit…) may be left out. */
export type SchemeDefinitionInput = v.InferInput<typeof SchemeDefinitionSchema>
export type Algorithm = SchemeDefinition['algorithm']
export type SignatureEncoding = (typeof ENCODINGS)[number]
export type KeyForm = (typeof KEY_FORMS)[number]
export type SignatureLocation = SchemeDefinition['signature']
export type SignatureFormat = SignatureLocation['format']
export type TimestampRule = NonNullable<SchemeDefinition['timestamp']>
