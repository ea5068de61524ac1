import type { SchemeDefinition } from '../types'
import { BODY, headerToken, PLAIN, prefixed, TS } from './helpers'

const APSDAI_NOTICE =
  'The APSDAI token covers only the timestamp and the secret, NOT the body: it proves who sent the request and when, ' +
  'but a captured token can be replayed with another body within the tolerance window.'

export const apsdai: SchemeDefinition = {
  id: 'apsdai',
  name: 'APSDAI',
  description:
    'X-Apsdai-Token = URL-encoded base64 HMAC-SHA256(secret, timestamp_ms + "\\n" + secret), the same construction as DingTalk robot signing. ' +
    'Timestamp X-Apsdai-Timestamp in milliseconds; 1-hour tolerance taken from DingTalk (UNCERTAIN: APSDAI publishes none).',
  algorithm: 'hmac-sha256',
  key: { form: 'utf8' },
  signedContent: [TS, { literal: '\n' }, { part: 'secret' }],
  signature: { header: 'X-Apsdai-Token', format: PLAIN, encoding: 'base64', urlEncoded: true },
  timestamp: { header: 'X-Apsdai-Timestamp', unit: 'ms', toleranceSec: 3600 },
  detect: { headers: ['x-apsdai-token', 'x-apsdai-event', 'x-apsdai-timestamp'] },
  event: { header: 'x-apsdai-event' },
  reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: '' },
  notice: APSDAI_NOTICE
}

export const apsdaiPassword: SchemeDefinition = headerToken(
  'apsdai-password',
  'APSDAI (password mode)',
  'X-Apsdai-Token',
  {
    description: 'X-Apsdai-Token carries the configured password itself; compared in constant time.',
    notice: 'In password mode the token is the password itself: it does not cover the body or the time.'
  }
)

export const trubit: SchemeDefinition = {
  id: 'trubit-velafi',
  name: 'TruBit / Velafi',
  description:
    'signature header = hex RSA PKCS#1 v1.5 SHA-256 over the raw body; verified with the public key TruBit returns when the webhook is created ' +
    '(bare base64 DER SubjectPublicKeyInfo, no PEM armour). No timestamp in the scheme.',
  algorithm: 'rsa-pkcs1-sha256',
  key: { form: 'public-key' },
  signedContent: [BODY],
  signature: { header: 'signature', format: PLAIN, encoding: 'hex' },
  detect: { headers: ['signature'], bodyHint: '"eventType"' },
  event: { fields: ['eventType'] },
  keyInResponse: { path: 'data.publicKey', keyName: 'TruBit webhook public key' },
  reply: { status: 200, contentType: 'application/json', body: '{"callbackStatus":"SUCCESS"}' }
}

export const tikinow: SchemeDefinition = {
  id: 'tiki-tikinow',
  name: 'TikiNOW Smart Logistics',
  description:
    'x-signature = "sha1=" + hex HMAC-SHA1(secret_key, raw body); secret_key is the 32-character string registered per webhook type. ' +
    'Order-status webhooks assumed to use the same scheme (UNCERTAIN).',
  algorithm: 'hmac-sha1',
  key: { form: 'utf8' },
  signedContent: [BODY],
  signature: { header: 'x-signature', format: prefixed('sha1='), encoding: 'hex' },
  detect: { headers: ['x-signature'] },
  apiBase: 'https://api.tikinow.vn',
  reply: { status: 200, contentType: 'application/json', body: '{"success":true}' }
}

export const useepay: SchemeDefinition = {
  id: 'useepay-v2',
  name: 'UseePay V2',
  description:
    'sign header = base64 RSA SHA256withRSA (PKCS#1 v1.5) over the raw body, verified with the UseePay public key; merchant_no, api_version and app_id travel beside it. ' +
    'For form deliveries (api_version 2024-10-10, body data=<URL-encoded JSON>) the signed string is UNCERTAIN: on failure the decoded data value, "data=" + decoded JSON and the encoded body are tried and the match is named.',
  algorithm: 'rsa-pkcs1-sha256',
  key: { form: 'public-key' },
  signedContent: [BODY],
  signature: { header: 'sign', format: PLAIN, encoding: 'base64' },
  detect: { headers: ['sign', 'merchant_no'] },
  reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' },
  alternatives: [
    {
      label: 'the URL-decoded value of the form field data (the JSON string)',
      signedContent: [{ part: 'form-field', name: 'data' }]
    },
    {
      label: '"data=" followed by the decoded JSON (the V1 sorted key=value rule)',
      signedContent: [{ part: 'form-sorted', kvJoin: '=', pairJoin: '&', skipEmpty: true }]
    }
  ]
}

export const SEED_SCHEMES: SchemeDefinition[] = [apsdai, apsdaiPassword, trubit, tikinow, useepay]
