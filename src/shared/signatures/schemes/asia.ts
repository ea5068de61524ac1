import type { SchemeDefinition } from '../types'
import { BODY, headerToken, kv, PLAIN, TS } from './helpers'

/** Lazada and TikTok Shop sign the same way: Authorization = hex HMAC-SHA256(app_secret, app_key + body). */
function appKeyPush(id: string, name: string): SchemeDefinition {
  return {
    id,
    name,
    description: 'Authorization: hex HMAC-SHA256(app_secret, app_key + body); app_key is a setting.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'param', name: 'appKey' }, BODY],
    signature: { header: 'Authorization', format: PLAIN, encoding: 'hex' },
    params: ['appKey']
  }
}

export const ASIA_SCHEMES: SchemeDefinition[] = [
  {
    id: 'dingtalk-robot-sign',
    name: 'DingTalk custom robot (加签)',
    description:
      'Query sign = URL-encoded base64 HMAC-SHA256(secret, timestamp_ms + "\\n" + secret) with &timestamp=<ms>; 1 hour. This is what your server sends TO DingTalk; the body is not covered.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '\n' }, { part: 'secret' }],
    signature: { query: 'sign', format: PLAIN, encoding: 'base64', urlEncoded: true },
    timestamp: { query: 'timestamp', unit: 'ms', toleranceSec: 3600 },
    notice: 'DingTalk robot signing covers the timestamp and secret only, not the body.'
  },
  {
    id: 'dingtalk-robot-callback',
    name: 'DingTalk robot callback',
    description:
      'Headers timestamp (ms) and sign = base64 HMAC-SHA256(appSecret, timestamp + "\\n" + appSecret); 1 hour; the body is not covered.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '\n' }, { part: 'secret' }],
    signature: { header: 'sign', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'timestamp', unit: 'ms', toleranceSec: 3600 },
    detect: { headers: ['sign', 'timestamp'] },
    notice: 'DingTalk callback signing covers the timestamp and secret only, not the body.'
  },
  {
    id: 'wechatpay-v3',
    name: 'WeChat Pay API v3',
    description:
      'Wechatpay-Signature: base64 SHA256withRSA over Wechatpay-Timestamp + "\\n" + Wechatpay-Nonce + "\\n" + body + "\\n", verified with the platform certificate or WeChat Pay public key (selected by Wechatpay-Serial); 5 minutes.',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [
      TS,
      { literal: '\n' },
      { part: 'header', name: 'Wechatpay-Nonce' },
      { literal: '\n' },
      BODY,
      { literal: '\n' }
    ],
    signature: { header: 'Wechatpay-Signature', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'Wechatpay-Timestamp', unit: 's', toleranceSec: 300 },
    detect: { headers: ['wechatpay-signature', 'wechatpay-serial'] }
  },
  {
    id: 'alipay',
    name: 'Alipay (RSA2 notify)',
    description:
      'Form field sign = base64 SHA256withRSA over every other form field except sign and sign_type, URL-decoded, empty values dropped, sorted by name, joined as k=v&k=v; verified with the Alipay public key (bare base64 SPKI or certificate).',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [
      { part: 'form-sorted', kvJoin: '=', pairJoin: '&', exclude: ['sign', 'sign_type'], skipEmpty: true }
    ],
    signature: { formField: 'sign', format: PLAIN, encoding: 'base64' },
    detect: { headers: [], bodyHint: 'notify_id=' },
    // The official SDKs try both: some gateway notifies sign sign_type too.
    alternatives: [
      {
        label: 'every field but sign, sign_type included (gateway notifies)',
        signedContent: [{ part: 'form-sorted', kvJoin: '=', pairJoin: '&', exclude: ['sign'], skipEmpty: true }]
      }
    ]
  },
  {
    id: 'feishu',
    name: 'Feishu / Lark events',
    description:
      'X-Lark-Signature: hex SHA-256 (plain hash) of X-Lark-Request-Timestamp + X-Lark-Request-Nonce + Encrypt Key + body; only sent when an Encrypt Key is configured.',
    algorithm: 'sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { part: 'header', name: 'X-Lark-Request-Nonce' }, { part: 'secret' }, BODY],
    signature: { header: 'X-Lark-Signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'X-Lark-Request-Timestamp', unit: 's' },
    detect: { headers: ['x-lark-signature', 'x-lark-request-timestamp'] }
  },
  {
    id: 'wecom',
    name: 'WeCom (企业微信) callback',
    description:
      'Query msg_signature = hex SHA-1 of the sorted concatenation of Token, timestamp, nonce and echostr (URL verification) or the <Encrypt> element of the XML body. The key is the Token.',
    algorithm: 'sha1',
    key: { form: 'utf8' },
    signedContent: [
      {
        sorted: [
          { part: 'secret' },
          TS,
          { part: 'query', name: 'nonce' },
          {
            firstOf: [
              { part: 'query', name: 'echostr' },
              { part: 'xml-element', name: 'Encrypt' }
            ]
          }
        ]
      }
    ],
    signature: { query: 'msg_signature', format: PLAIN, encoding: 'hex' },
    timestamp: { query: 'timestamp', unit: 's' }
  },
  appKeyPush('lazada', 'Lazada push'),
  {
    id: 'shopee',
    name: 'Shopee push',
    description: 'Authorization: hex HMAC-SHA256(partner_key, push URL + "|" + body); the URL is the one registered.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'url' }, { literal: '|' }, BODY],
    signature: { header: 'Authorization', format: PLAIN, encoding: 'hex' }
  },
  appKeyPush('tiktok-shop', 'TikTok Shop webhooks'),
  {
    id: 'tiki-tiniapp',
    name: 'Tiki Tini App',
    description:
      'X-Tiniapp-Signature: hex HMAC-SHA256(client_secret, base64url-no-pad(timestamp_ms + "." + client_key + "." + body)); X-Tiniapp-Timestamp ms, 1 minute; client_key is read from X-Tiniapp-Client-Id when the request carries it, else from the setting.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [
      {
        encode: 'base64url-nopad',
        parts: [
          TS,
          { literal: '.' },
          { part: 'param', name: 'clientKey', header: 'X-Tiniapp-Client-Id' },
          { literal: '.' },
          BODY
        ]
      }
    ],
    signature: { header: 'X-Tiniapp-Signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'X-Tiniapp-Timestamp', unit: 'ms', toleranceSec: 60 },
    params: ['clientKey'],
    alternatives: [
      {
        label: 'a GET request: the path with its query (values percent-encoded) in place of the body',
        signedContent: [
          {
            encode: 'base64url-nopad',
            parts: [
              TS,
              { literal: '.' },
              { part: 'param', name: 'clientKey', header: 'X-Tiniapp-Client-Id' },
              { literal: '.' },
              { part: 'path' }
            ]
          }
        ]
      }
    ],
    detect: { headers: ['x-tiniapp-signature'] }
  },
  {
    id: 'midtrans',
    name: 'Midtrans',
    description: 'signature_key (JSON body): hex SHA-512 of order_id + status_code + gross_amount + the server key.',
    algorithm: 'sha512',
    key: { form: 'utf8' },
    signedContent: [
      { part: 'json-fields', paths: ['order_id', 'status_code', 'gross_amount'], separator: '' },
      { part: 'secret' }
    ],
    signature: { jsonField: 'signature_key', format: PLAIN, encoding: 'hex' },
    detect: { headers: [], bodyHint: '"signature_key"' },
    event: { fields: ['transaction_status'] },
    docs: 'https://docs.midtrans.com/docs/https-notification-webhooks',
    evidence: 'docs',
    notice: 'Midtrans signs order_id, status_code and gross_amount only: the rest of the body is not covered.'
  },
  {
    id: 'midtrans-iris',
    name: 'Midtrans Iris (payouts)',
    description: 'Iris-Signature: hex SHA-512 of the body + the Iris merchant key.',
    algorithm: 'sha512',
    key: { form: 'utf8' },
    signedContent: [BODY, { part: 'secret' }],
    signature: { header: 'Iris-Signature', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['iris-signature'] },
    docs: 'https://docs.midtrans.com/reference/notification-payload-1',
    evidence: 'docs'
  },
  {
    id: 'cashfree',
    name: 'Cashfree Payments',
    description:
      'x-webhook-signature: base64 HMAC-SHA256(secret key, x-webhook-timestamp + body) (no separator); x-webhook-timestamp in ms.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, BODY],
    signature: { header: 'x-webhook-signature', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'x-webhook-timestamp', unit: 'ms' },
    detect: { headers: ['x-webhook-signature', 'x-webhook-timestamp', 'x-webhook-version'] },
    event: { fields: ['type'] },
    docs: 'https://www.cashfree.com/docs/payments/online/webhooks/signature-verification',
    evidence: 'docs'
  },
  {
    id: 'paymongo',
    name: 'PayMongo',
    description:
      'Paymongo-Signature: t=<seconds>,te=<hex HMAC-SHA256(webhook secret, t + "." + body)> in test mode, li=<…> in live mode.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Paymongo-Signature', format: { ...kv(',', 'li', 't'), otherKeys: ['te'] }, encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's' },
    detect: { headers: ['paymongo-signature'] },
    event: { fields: ['data.attributes.type'] },
    docs: 'https://developers.paymongo.com/docs/securing-webhook',
    evidence: 'docs'
  },
  {
    id: 'omise',
    name: 'Omise (Opn Payments)',
    description:
      'Omise-Signature: hex HMAC-SHA256(base64-decoded webhook secret, Omise-Signature-Timestamp + "." + body); two comma-separated signatures while a secret rolls.',
    algorithm: 'hmac-sha256',
    key: { form: 'base64' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Omise-Signature', format: { kind: 'list', separator: ',' }, encoding: 'hex' },
    timestamp: { header: 'Omise-Signature-Timestamp', unit: 's' },
    detect: { headers: ['omise-signature', 'omise-signature-timestamp'] },
    event: { fields: ['key'] },
    docs: 'https://docs.omise.co/api-webhooks/thailand',
    evidence: 'docs'
  },
  {
    ...headerToken('xendit', 'Xendit', 'x-callback-token', {
      description:
        'x-callback-token carries the verification token from the Xendit dashboard verbatim (no signature; compared in constant time).',
      notice: 'x-callback-token is a shared token, not a signature: it does not cover the body.'
    }),
    docs: 'https://docs.xendit.co/docs/handling-webhooks',
    evidence: 'docs'
  }
]
