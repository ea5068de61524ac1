import * as v from 'valibot'
import { ENCODINGS, flag, names, oneOf, record, text } from './schema-parts'

/** Where a signature travels and in what form, and where its timestamp is (schema.ts puts them in a scheme). */

export const SignatureFormat = v.variant(
  'kind',
  [
    record({ kind: v.literal('plain') }, '{"kind":"plain"}'),
    record({ kind: v.literal('prefixed'), prefix: text }, '{"kind":"prefixed","prefix":"sha256="}'),
    /** `t=…,v1=…,v1=…` style: pairs split by `pairSeparator`, key/value by `kvSeparator`. */
    record(
      {
        kind: v.literal('kv'),
        pairSeparator: text,
        kvSeparator: v.optional(text, '='),
        signatureKey: text,
        /** Other keys whose value is a signature too (PayMongo: li= in live mode, te= in test mode). */
        otherKeys: v.optional(names),
        timestampKey: v.optional(text),
        /**
         * The key whose value is the delivery's id or nonce (NMI's t=), signed as the `id` part; read with
         * `deliveryId: { fromSignature: true }`.
         */
        idKey: v.optional(text),
        /**
         * Keys whose values are settings the content names as `param` parts (Hygraph's env=): the header's value
         * wins over the setting, and a signer writes the setting there.
         */
        paramKeys: v.optional(names),
        /** A signer writes the signature first, then the params, id and timestamp (Hygraph's "sign=…, env=…, t=…"). */
        signatureFirst: v.optional(flag)
      },
      '{"kind":"kv","pairSeparator":",","signatureKey":"v1","timestampKey":"t"}'
    ),
    /** Several signatures separated by `separator`, each optionally prefixed (`v1,…`). */
    record(
      {
        kind: v.literal('list'),
        separator: text,
        itemPrefix: v.optional(text),
        /**
         * The first item is the timestamp, the others signatures (Recurly's "<ms>,<sig>,<sig>"); read with
         * `timestamp: { fromSignature: true }`.
         */
        timestampFirst: v.optional(flag)
      },
      '{"kind":"list","separator":" ","itemPrefix":"v1,"}'
    ),
    /** Base64 of a JSON object whose `field` holds the signature (eBay); `members`: the others a signer writes. */
    record(
      { kind: v.literal('base64-json'), field: text, members: v.optional(v.record(v.string(), v.string())) },
      '{"kind":"base64-json","field":"signature"}'
    )
  ],
  'must be one of plain, prefixed, kv, list, base64-json'
)

const SIGNATURE_PLACES = ['header', 'query', 'formField', 'jsonField', 'bodyJws', 'headerJwt'] as const
export const SignatureLocation = v.pipe(
  record(
    {
      /** Header carrying the signature. */
      header: v.optional(text),
      /** More headers that may each carry a signature; any one that matches makes the delivery valid (Box, DocuSign). */
      alsoHeaders: v.optional(names),
      /** Or a query parameter. */
      query: v.optional(text),
      /** Or a form-body field. */
      formField: v.optional(text),
      /** Or a field of a JSON body, by dotted path. */
      jsonField: v.optional(text),
      /** Or the body is a compact JWS (Wix): its third part is the signature, the first two what is signed. */
      bodyJws: v.optional(v.literal(true, 'must be true when present')),
      /** Or a header carries a JWT: its third part is the signature (a `header-jwt` content part signs the rest). */
      headerJwt: v.optional(text),
      format: v.optional(SignatureFormat, { kind: 'plain' }),
      encoding: v.optional(oneOf(ENCODINGS), 'hex'),
      /** The encoded signature is additionally percent-encoded (DingTalk / APSDAI). */
      urlEncoded: v.optional(flag),
      /** ECDSA signatures: DER (default) or raw r||s. */
      ecdsaForm: v.optional(oneOf(['der', 'raw'] as const))
    },
    '{"header":"X-Signature","encoding":"hex"}'
  ),
  v.check(
    (s) => SIGNATURE_PLACES.filter((k) => s[k] !== undefined).length === 1,
    `needs exactly one of ${SIGNATURE_PLACES.join(', ')}`
  )
)

const TIMESTAMP_PLACES = ['header', 'query', 'jsonField', 'fromSignature'] as const
export const TimestampRule = v.pipe(
  record(
    {
      header: v.optional(text),
      query: v.optional(text),
      /** A JSON body field by dotted path (Mailgun's signature.timestamp, Linear's webhookTimestamp). */
      jsonField: v.optional(text),
      /** The JSON field holds a number, not a string (Linear); how sign writes it. */
      jsonNumber: v.optional(flag),
      /** Taken from the signature header's `kv` format (`t=` in Stripe's). */
      fromSignature: v.optional(v.literal(true, 'must be true when present')),
      unit: v.optional(oneOf(['s', 'ms', 'rfc3339'] as const), 's'),
      /** Maximum age (either direction) in seconds; absent = not enforced. */
      toleranceSec: v.optional(
        v.pipe(v.number('must be a number of seconds ≥ 0'), v.minValue(0, 'must be a number of seconds ≥ 0'))
      )
    },
    '{"header":"X-Timestamp","unit":"s","toleranceSec":300}'
  ),
  v.check(
    (t) => TIMESTAMP_PLACES.filter((k) => t[k] !== undefined).length === 1,
    `needs exactly one of ${TIMESTAMP_PLACES.join(', ')}`
  )
)
