import type { SchemeDefinition } from '../types'
import { BODY, bodyMac, kv, PLAIN, prefixed, TS } from './helpers'

/**
 * Providers from the peers' longer tail (ngrok's verify-webhook list and Hookdeck's source types):
 * each recipe from the provider's documentation (`docs`), checked by deliveries built from that
 * recipe in test/shared/signatures/docs-schemes-tail.test.ts — or by the official SDK (`evidence: 'sdk'`).
 */
export const LONG_TAIL_SCHEMES: readonly SchemeDefinition[] = [
  {
    id: 'buildkite',
    name: 'Buildkite',
    description:
      'X-Buildkite-Signature: timestamp=<seconds>,signature=<hex HMAC-SHA256(token, timestamp + "." + body)>. Webhooks set to send the token instead carry X-Buildkite-Token.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'X-Buildkite-Signature', format: kv(',', 'signature', 'timestamp'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's' },
    detect: { headers: ['x-buildkite-signature'] },
    event: { header: 'x-buildkite-event' },
    docs: 'https://buildkite.com/docs/apis/webhooks',
    evidence: 'docs',
    notice: 'Buildkite leaves the age limit to the receiver: Hookscope checks none.'
  },
  {
    ...bodyMac('launchdarkly', 'LaunchDarkly', 'X-LD-Signature', {
      description: 'X-LD-Signature: hex HMAC-SHA256(webhook secret, body).'
    }),
    aliases: ['launch-darkly'],
    docs: 'https://docs.launchdarkly.com/home/connecting/webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('pusher', 'Pusher Channels', 'X-Pusher-Signature', {
      description:
        'X-Pusher-Signature: hex HMAC-SHA256(app secret, body); X-Pusher-Key names the app whose secret signed it.',
      detect: ['x-pusher-signature', 'x-pusher-key']
    }),
    docs: 'https://pusher.com/docs/channels/server_api/webhooks/',
    evidence: 'sdk'
  },
  {
    id: 'tiktok',
    name: 'TikTok (developer webhooks)',
    description:
      'TikTok-Signature: t=<seconds>,s=<hex HMAC-SHA256(client secret, t + "." + body)>. (TikTok Shop signs differently: tiktok-shop.)',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'TikTok-Signature', format: kv(',', 's', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's' },
    detect: { headers: ['tiktok-signature'] },
    event: { fields: ['event'] },
    docs: 'https://developers.tiktok.com/doc/webhooks-verification',
    evidence: 'docs',
    notice: 'TikTok states no age limit for t: Hookscope checks none.'
  },
  {
    ...bodyMac('alchemy', 'Alchemy Notify', 'X-Alchemy-Signature', {
      description: 'X-Alchemy-Signature: hex HMAC-SHA256(webhook signing key, body).'
    }),
    event: { fields: ['type'] },
    docs: 'https://docs.alchemy.com/reference/notify-api-quickstart',
    evidence: 'docs'
  },
  {
    ...bodyMac('webex', 'Webex', 'X-Spark-Signature', {
      algorithm: 'hmac-sha1',
      description: 'X-Spark-Signature: hex HMAC-SHA1(webhook secret set at registration, body).'
    }),
    event: { fields: ['event'] },
    docs: 'https://developer.webex.com/docs/webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('bolt', 'Bolt', 'X-Bolt-Hmac-Sha256', {
      encoding: 'base64',
      description: 'X-Bolt-Hmac-Sha256: base64 HMAC-SHA256(signing secret, body).'
    }),
    docs: 'https://help.bolt.com/developers/guides/webhooks/hook-verification/',
    evidence: 'docs'
  },
  {
    id: 'frameio',
    name: 'Frame.io',
    description:
      'X-Frameio-Signature: v0=<hex HMAC-SHA256(secret, "v0:" + X-Frameio-Request-Timestamp + ":" + body)>; 5 minutes of tolerance.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'v0:' }, TS, { literal: ':' }, BODY],
    signature: { header: 'X-Frameio-Signature', format: prefixed('v0='), encoding: 'hex' },
    timestamp: { header: 'X-Frameio-Request-Timestamp', unit: 's', toleranceSec: 300 },
    detect: { headers: ['x-frameio-signature', 'x-frameio-request-timestamp'] },
    event: { fields: ['type'] },
    aliases: ['frame-io'],
    docs: 'https://developer.frame.io/docs/automations-webhooks/webhooks-overview',
    evidence: 'docs'
  },
  {
    ...bodyMac('castle', 'Castle', 'X-Castle-Signature', {
      encoding: 'base64',
      description: 'X-Castle-Signature: base64 HMAC-SHA256(API secret, body).'
    }),
    docs: 'https://docs.castle.io/docs/subscribe-to-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('sonatype', 'Sonatype Nexus Repository', 'X-Nexus-Webhook-Signature', {
      algorithm: 'hmac-sha1',
      description: 'X-Nexus-Webhook-Signature: hex HMAC-SHA1(secret key, body).'
    }),
    aliases: ['nexus'],
    docs: 'https://help.sonatype.com/repomanager3/integrations/webhooks/working-with-hmac-payloads',
    evidence: 'docs'
  },
  {
    id: 'trello',
    name: 'Trello',
    description: 'X-Trello-Webhook: base64 HMAC-SHA1(app secret, body + the callback URL exactly as registered).',
    algorithm: 'hmac-sha1',
    key: { form: 'utf8' },
    signedContent: [BODY, { part: 'url' }],
    signature: { header: 'X-Trello-Webhook', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-trello-webhook'] },
    docs: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/',
    evidence: 'docs',
    notice: 'Trello signs the callback URL as registered: behind a tunnel, that is the public URL.'
  },
  {
    ...bodyMac('airtable', 'Airtable', 'X-Airtable-Content-MAC', {
      format: prefixed('hmac-sha256='),
      description: 'X-Airtable-Content-MAC: hmac-sha256=<hex HMAC-SHA256(base64-decoded macSecretBase64, body)>.'
    }),
    key: { form: 'base64' },
    docs: 'https://airtable.com/developers/web/api/webhooks-overview',
    evidence: 'docs',
    notice: 'The key is the macSecretBase64 Airtable returns when the webhook is created, pasted as it is (base64).'
  },
  {
    ...bodyMac('fastspring', 'FastSpring', 'X-FS-Signature', {
      encoding: 'base64',
      description: 'X-FS-Signature: base64 HMAC-SHA256(webhook HMAC secret, body).'
    }),
    docs: 'https://developer.fastspring.com/docs/webhooks-overview',
    evidence: 'docs'
  },
  {
    ...bodyMac('nylas', 'Nylas (v3)', 'X-Nylas-Signature', {
      description:
        'X-Nylas-Signature: hex HMAC-SHA256(webhook secret, body). Nylas checks a new endpoint with GET ?challenge=… first.'
    }),
    event: { fields: ['type'] },
    handshake: 'challenge-query',
    docs: 'https://developer.nylas.com/docs/v3/notifications/webhooks/',
    evidence: 'docs'
  },
  {
    id: 'persona',
    name: 'Persona',
    description:
      'Persona-Signature: t=<seconds>,v1=<hex HMAC-SHA256(webhook secret, t + "." + body)>; during a secret roll two such pairs, space-separated.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Persona-Signature', format: kv(',', 'v1', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's' },
    detect: { headers: ['persona-signature'] },
    event: { fields: ['data.attributes.name'] },
    docs: 'https://docs.withpersona.com/v2022-09-01/docs/best-practices',
    evidence: 'docs',
    notice: 'Persona states no age limit for t: Hookscope checks none.'
  },
  {
    ...bodyMac('smartcar', 'Smartcar', 'SC-Signature', {
      description:
        'SC-Signature: hex HMAC-SHA256(Application Management Token, body). A new webhook is first sent a VERIFY event whose challenge is answered with the same HMAC.'
    }),
    event: { fields: ['eventType', 'eventName'] },
    handshake: 'smartcar-verify',
    docs: 'https://smartcar.com/docs/integrations/webhooks/payload-verification',
    evidence: 'sdk'
  },
  {
    ...bodyMac('commercelayer', 'Commerce Layer', 'X-CommerceLayer-Signature', {
      encoding: 'base64',
      description:
        'X-CommerceLayer-Signature: base64 HMAC-SHA256(the webhook shared_secret, body); the topic in X-CommerceLayer-Topic.',
      event: 'x-commercelayer-topic'
    }),
    aliases: ['commerce-layer'],
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/commercelayer-webhooks',
    evidence: 'docs'
  },
  {
    id: 'courier',
    name: 'Courier',
    description: 'courier-signature: t=<timestamp>,signature=<hex HMAC-SHA256(signing secret, t + "." + body)>.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'courier-signature', format: kv(',', 'signature', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's' },
    detect: { headers: ['courier-signature'] },
    event: { fields: ['type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/courier-webhooks',
    evidence: 'docs',
    notice: 'Courier states no age limit for t: Hookscope checks none.'
  },
  {
    id: 'frontapp',
    name: 'Front (application webhooks)',
    description:
      'X-Front-Signature: base64 HMAC-SHA256(app signing key, X-Front-Request-Timestamp + ":" + body); the timestamp in milliseconds, 5 minutes of tolerance.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: ':' }, BODY],
    signature: { header: 'X-Front-Signature', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'X-Front-Request-Timestamp', unit: 'ms', toleranceSec: 300 },
    detect: { headers: ['x-front-signature', 'x-front-request-timestamp'] },
    event: { fields: ['type'] },
    aliases: ['front'],
    docs: 'https://dev.frontapp.com/docs/application-webhooks',
    evidence: 'docs',
    notice: 'Saving the webhook in Front sends X-Front-Challenge first: the endpoint must answer with that challenge.'
  },
  {
    ...bodyMac('nuvemshop', 'Nuvemshop / Tiendanube', 'x-linkedstore-hmac-sha256', {
      description: 'x-linkedstore-hmac-sha256: hex HMAC-SHA256(app client secret, body).'
    }),
    event: { fields: ['event'] },
    aliases: ['tiendanube'],
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/nuvemshop-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('picqer', 'Picqer', 'X-Picqer-Signature', {
      encoding: 'base64',
      description: 'X-Picqer-Signature: base64 HMAC-SHA256(the hook secret, body).'
    }),
    event: { fields: ['event'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/picqer-webhooks',
    evidence: 'docs'
  },
  {
    id: 'akeneo',
    name: 'Akeneo PIM (Events API)',
    description:
      'x-akeneo-request-signature: hex HMAC-SHA256(connection secret, x-akeneo-request-timestamp + "." + body); the timestamp in seconds, 300 s tolerance.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'x-akeneo-request-signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'x-akeneo-request-timestamp', unit: 's', toleranceSec: 300 },
    detect: { headers: ['x-akeneo-request-signature', 'x-akeneo-request-timestamp'] },
    docs: 'https://raw.githubusercontent.com/hookdeck/webhook-skills/main/skills/akeneo-webhooks/SKILL.md',
    evidence: 'docs'
  },
  {
    ...bodyMac('enode', 'Enode', 'x-enode-signature', {
      algorithm: 'hmac-sha1',
      format: prefixed('sha1='),
      description: 'x-enode-signature: sha1=<hex HMAC-SHA1(webhook secret, body)>.'
    }),
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/enode-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('tally', 'Tally (forms)', 'Tally-Signature', {
      encoding: 'base64',
      description:
        'Tally-Signature: base64 HMAC-SHA256(the webhook signing secret, body); sent only when a secret is set.'
    }),
    event: { fields: ['eventType'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/tally-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('cursor', 'Cursor (Cloud Agents)', 'X-Webhook-Signature', {
      format: prefixed('sha256='),
      description:
        'X-Webhook-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>, with X-Webhook-ID and X-Webhook-Event.',
      detect: ['x-webhook-signature', 'x-webhook-event', 'x-webhook-id'],
      event: 'x-webhook-event'
    }),
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/cursor-webhooks',
    evidence: 'docs'
  },
  {
    id: 'faundit',
    name: 'Faundit',
    description:
      'X-Faundit-Signature-Next: hex HMAC-SHA256(signing secret, "v1:" + X-Faundit-Timestamp + ":" + body). (The older X-Faundit-Signature signs only "v0:" + timestamp, not the body.)',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'v1:' }, TS, { literal: ':' }, BODY],
    signature: { header: 'X-Faundit-Signature-Next', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'X-Faundit-Timestamp', unit: 's' },
    detect: { headers: ['x-faundit-signature-next', 'x-faundit-timestamp'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/faundit-webhooks',
    evidence: 'docs',
    notice: 'Faundit states no age limit for the timestamp: Hookscope checks none.'
  },
  {
    id: 'bridge-xyz',
    name: 'Bridge (stablecoin payments)',
    description:
      'X-Webhook-Signature: t=<ms>,v0=<base64 RSA PKCS#1 v1.5 SHA-256 signature of t + "." + body>, checked with the public key Bridge gives for the webhook.',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'X-Webhook-Signature', format: kv(',', 'v0', 't'), encoding: 'base64' },
    timestamp: { fromSignature: true, unit: 'ms' },
    detect: { headers: ['x-webhook-signature'] },
    event: { fields: ['event_type'] },
    aliases: ['bridge'],
    docs: 'https://apidocs.bridge.xyz/platform/additional-information/webhooks/signature',
    evidence: 'docs',
    notice: 'Bridge states no age limit for t here: Hookscope checks none.'
  },
  {
    id: 'synctera',
    name: 'Synctera',
    description:
      'Synctera-Signature: hex HMAC-SHA256(webhook secret, Request-Timestamp + "." + body); while a secret is being rotated the header holds two signatures joined by ".".',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Synctera-Signature', format: { kind: 'list', separator: '.' }, encoding: 'hex' },
    timestamp: { header: 'Request-Timestamp', unit: 's' },
    detect: { headers: ['synctera-signature', 'request-timestamp'] },
    event: { fields: ['type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/synctera-webhooks',
    evidence: 'docs',
    notice: 'Synctera states no age limit for Request-Timestamp: Hookscope checks none.'
  },
  {
    id: 'tebex',
    name: 'Tebex',
    description:
      'X-Signature: hex HMAC-SHA256(webhook secret, hex SHA-256 of the body): the body is hashed first and its hex digest is what is signed.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ digest: 'sha256', encoding: 'hex', parts: [BODY] }],
    signature: { header: 'X-Signature', format: PLAIN, encoding: 'hex' },
    // X-Signature is shared (TikiNOW, Lemon Squeezy): Tebex deliveries carry a "subject" object.
    detect: { headers: ['x-signature'], bodyHint: '"subject"' },
    event: { fields: ['type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/tebex-webhooks',
    evidence: 'docs',
    notice: 'An endpoint is only used once it answers the validation.webhook delivery with its id as JSON ({"id": …}).'
  },
  {
    id: 'recharge',
    name: 'Recharge',
    description:
      'X-Recharge-Hmac-Sha256: hex SHA-256 of (API client secret + body) — a plain hash with the secret in front, not an HMAC.',
    algorithm: 'sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'secret' }, BODY],
    signature: { header: 'X-Recharge-Hmac-Sha256', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['x-recharge-hmac-sha256'] },
    event: { header: 'x-recharge-topic' },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/recharge-webhooks',
    evidence: 'docs',
    notice:
      "This is Recharge's body-only scheme (still sent and supported); its newer timestamp-bound X-Recharge-Webhook-Signature is not checked yet."
  },
  {
    ...bodyMac('pylon', 'Pylon', 'X-Pylon-Signature', {
      description: 'X-Pylon-Signature: hex HMAC-SHA256(webhook destination secret, body).'
    }),
    docs: 'https://kb.help.usepylon.com/articles/6080966819-how-do-i-verify-the-webhook-signatures',
    evidence: 'docs'
  },
  {
    id: 'solidgate',
    name: 'Solidgate',
    description:
      'signature: base64 of the hex HMAC-SHA512(webhook secret key wh_sk_…, public key + body + public key); the merchant header carries the public key wh_pk_….',
    algorithm: 'hmac-sha512',
    key: { form: 'utf8' },
    signedContent: [{ part: 'header', name: 'merchant' }, BODY, { part: 'header', name: 'merchant' }],
    signature: { header: 'signature', format: PLAIN, encoding: 'base64-hex' },
    detect: { headers: ['merchant', 'signature'] },
    event: { fields: ['type'] },
    docs: 'https://docs.solidgate.com/payments/integrate/access-to-api/',
    evidence: 'docs'
  },
  {
    id: 'favro',
    name: 'Favro',
    description:
      'X-Favro-Webhook: base64 HMAC-SHA1(webhook secret, payloadId + hook.url) — two fields of the body, not the body itself.',
    algorithm: 'hmac-sha1',
    key: { form: 'utf8' },
    signedContent: [{ part: 'json-fields', paths: ['payloadId', 'hook.url'], separator: '' }],
    signature: { header: 'X-Favro-Webhook', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-favro-webhook'] },
    event: { fields: ['action'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/favro-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('zerohash', 'Zero Hash', 'X-ZH-Hook-Signature-256', {
      description:
        'X-ZH-Hook-Signature-256: hex HMAC-SHA256(token set for the webhook, body), sent when token signing is configured (Zero Hash can sign with RSA instead: x-zh-hook-rsa-signature-256).',
      event: 'x-zh-hook-payload-type'
    }),
    aliases: ['zero-hash'],
    docs: 'https://docs.zerohash.com/reference/webhook-security',
    evidence: 'docs',
    notice: "Zero Hash's newer headers add a timestamp (x-zh-hook-timestamp) against replays; they are not checked yet."
  },
  {
    id: 'fireblocks',
    name: 'Fireblocks',
    description:
      "Fireblocks-Signature: base64 RSA PKCS#1 v1.5 SHA-512 signature of the body, checked with Fireblocks' published public key (one for production, one for sandbox workspaces).",
    algorithm: 'rsa-pkcs1-sha512',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'Fireblocks-Signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['fireblocks-signature'] },
    event: { fields: ['type', 'eventType'] },
    docs: 'https://developers.fireblocks.com/reference/verify-requests',
    evidence: 'docs',
    notice:
      'This is the legacy Fireblocks-Signature; the detached JWS in Fireblocks-Webhook-Signature (keys from their JWKS) is not checked yet.'
  },
  {
    id: 'coinbase',
    name: 'Coinbase (API notifications)',
    description:
      "CB-SIGNATURE: base64 RSA PKCS#1 v1.5 SHA-256 signature of the body, checked with Coinbase's notification public key. (Coinbase Commerce signs differently: coinbase-commerce.)",
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'CB-SIGNATURE', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['cb-signature'] },
    event: { fields: ['type'] },
    docs: 'https://developers.coinbase.com/docs/wallet/notifications',
    evidence: 'docs'
  },
  {
    id: 'circle',
    name: 'Circle',
    description:
      'X-Circle-Signature: base64 ECDSA P-256 SHA-256 signature (DER) of the body; X-Circle-Key-Id names the public key, which Circle serves from its notifications/publicKey endpoint.',
    algorithm: 'ecdsa-p256-sha256',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'X-Circle-Signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-circle-signature', 'x-circle-key-id'] },
    event: { fields: ['notificationType'] },
    docs: 'https://developers.circle.com/api-reference/verify-webhook-signatures',
    evidence: 'docs'
  },
  {
    ...bodyMac('shopline', 'SHOPLINE', 'X-Shopline-Hmac-Sha256', {
      encoding: 'base64',
      description: 'X-Shopline-Hmac-Sha256: base64 HMAC-SHA256(app secret, body) — SHOPLINE Open Platform apps.',
      event: 'x-shopline-topic'
    }),
    docs: 'https://developer.shopline.com/docs/apps/api-instructions-for-use/webhooks/overview',
    evidence: 'docs'
  },
  {
    ...bodyMac('flexport', 'Flexport', 'X-Hub-Signature-256', {
      format: prefixed('sha256='),
      description:
        'X-Hub-Signature-256: sha256=<hex HMAC-SHA256(endpoint secret token, body)> (X-Hub-Signature carries the SHA-1 one, being retired). The body is a Flexport Event object.',
      // X-Hub-Signature-256 is shared (GitHub, Meta, Jira): Flexport's body is an /api/event object.
      detect: ['x-hub-signature-256', 'x-hub-signature']
    }),
    detect: { headers: ['x-hub-signature-256', 'x-hub-signature'], bodyHint: '"/api/event"' },
    event: { fields: ['type'] },
    docs: 'https://apidocs.flexport.com/v3/tag/Webhook-Endpoints/',
    evidence: 'docs'
  },
  {
    id: 'praxis',
    name: 'Praxis',
    description:
      'GT-Authentication: hex SHA-384 of merchant_id, application_key, timestamp, customer.customer_token, session.order_id, transaction.tid, .currency, .amount, .conversion_rate, .processed_currency, .processed_amount (null ones left out) and the merchant secret, concatenated.',
    algorithm: 'sha384',
    key: { form: 'utf8' },
    signedContent: [
      {
        part: 'json-fields',
        paths: [
          'merchant_id',
          'application_key',
          'timestamp',
          'customer.customer_token',
          'session.order_id',
          'transaction.tid',
          'transaction.currency',
          'transaction.amount',
          'transaction.conversion_rate',
          'transaction.processed_currency',
          'transaction.processed_amount'
        ],
        separator: ''
      },
      { part: 'secret' }
    ],
    signature: { header: 'GT-Authentication', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['gt-authentication'] },
    docs: 'https://doc.praxiscashier.com/integration_docs/latest/webhooks/notification',
    evidence: 'docs',
    notice: 'Only the listed fields are signed; the rest of the notification is not covered.'
  },
  {
    id: 'treezor',
    name: 'Treezor',
    description:
      'object_payload_signature (a body field): base64 HMAC-SHA256(webhook secret, object_payload as JSON with "/" written "\\/" and non-ASCII as \\uXXXX). Only object_payload is signed.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'json-fields', paths: ['object_payload'], separator: '', escape: 'php-json' }],
    signature: { jsonField: 'object_payload_signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: [], bodyHint: '"object_payload_signature"' },
    event: { fields: ['webhook'] },
    docs: 'https://docs.treezor.com/guide/webhooks/integrity-checks.html',
    evidence: 'docs',
    notice: 'Treezor re-encodes object_payload before signing, so key order and number forms come from the parsed body.'
  },
  {
    ...bodyMac('aiprise', 'AiPrise', 'X-HMAC-SIGNATURE', {
      description: 'X-HMAC-SIGNATURE: hex HMAC-SHA256(API private key, body) on verification and event callbacks.'
    }),
    event: { fields: ['event_type'] },
    docs: 'https://docs.aiprise.com/docs/callbacks-authentication',
    evidence: 'vector'
  },
  {
    id: 'oura',
    name: 'Oura',
    description: 'x-oura-signature: upper-case hex HMAC-SHA256(client secret, x-oura-timestamp + body).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'header', name: 'x-oura-timestamp' }, BODY],
    signature: { header: 'x-oura-signature', format: PLAIN, encoding: 'hex-upper' },
    detect: { headers: ['x-oura-signature', 'x-oura-timestamp'] },
    event: { fields: ['data_type'] },
    docs: 'https://cloud.ouraring.com/v2/docs#tag/Webhook-Subscription-Routes',
    evidence: 'docs',
    handshake: 'oura-verify',
    params: ['verificationToken'],
    notice:
      'The timestamp is signed as sent (its unit is not documented, so its age is not checked). Oura checks a subscription with a GET carrying verification_token and challenge: the endpoint answers {"challenge": …} when the token is its verificationToken setting.'
  },
  {
    id: 'linkedin',
    name: 'LinkedIn',
    description:
      'X-LI-Signature: hex HMAC-SHA256(app client secret, "hmacsha256=" + body) — the prefix is signed, not sent.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'hmacsha256=' }, BODY],
    signature: { header: 'X-LI-Signature', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['x-li-signature'] },
    docs: 'https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation',
    evidence: 'docs',
    handshake: 'linkedin-challenge',
    notice:
      'LinkedIn validates the URL every 2 hours with a GET ?challengeCode=…: the endpoint answers {"challengeCode", "challengeResponse": hex HMAC-SHA256(client secret, challengeCode)} with its key.'
  },
  {
    ...bodyMac('clio', 'Clio Manage', 'X-Hook-Signature', {
      description:
        'X-Hook-Signature: hex HMAC-SHA256(the X-Hook-Secret of the handshake, body); the event is meta.event.'
    }),
    detect: { headers: ['x-hook-signature'], bodyHint: '"webhook_id"' },
    event: { fields: ['meta.event'] },
    docs: 'https://docs.developers.clio.com/guides/clio-manage/webhooks/',
    evidence: 'docs',
    handshake: 'echo-hook-secret',
    notice:
      'Clio opens a webhook with a POST carrying X-Hook-Secret: its endpoint echoes it back; keep it as the key. Same recipe as Asana; told apart by meta.webhook_id in the body.'
  },
  {
    id: 'bigcommerce',
    name: 'BigCommerce',
    description:
      'Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature "v1,<base64>") keyed with the app client secret as text, not a whsec_ secret.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'id' }, { literal: '.' }, TS, { literal: '.' }, BODY],
    signature: {
      header: 'webhook-signature',
      format: { kind: 'list', separator: ' ', itemPrefix: 'v1,' },
      encoding: 'base64'
    },
    timestamp: { header: 'webhook-timestamp', unit: 's', toleranceSec: 300 },
    deliveryId: { header: 'webhook-id' },
    detect: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], bodyHint: '"producer":"stores/' },
    event: { fields: ['scope'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/bigcommerce-webhooks',
    evidence: 'docs'
  },
  {
    id: 'paypro-global',
    name: 'PayPro Global',
    description:
      'SIGNATURE (a form field): hex SHA-256 of ORDER_ID + ORDER_STATUS + ORDER_TOTAL_AMOUNT + CUSTOMER_EMAIL + validation key + TEST_MODE + IPN_TYPE_NAME — a plain hash, not an HMAC.',
    algorithm: 'sha256',
    key: { form: 'utf8' },
    signedContent: [
      ...['ORDER_ID', 'ORDER_STATUS', 'ORDER_TOTAL_AMOUNT', 'CUSTOMER_EMAIL'].map((name) => ({
        part: 'form-field' as const,
        name
      })),
      { part: 'secret' },
      { part: 'form-field', name: 'TEST_MODE' },
      { part: 'form-field', name: 'IPN_TYPE_NAME' }
    ],
    signature: { formField: 'SIGNATURE', format: PLAIN, encoding: 'hex' },
    detect: { headers: [], bodyHint: 'IPN_TYPE_NAME=' },
    event: { fields: ['IPN_TYPE_NAME'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/paypro-global-webhooks',
    evidence: 'docs',
    notice:
      'Only the listed fields are signed; the rest of the IPN is not covered. The older HASH field (MD5 of ORDER_ID + secret key) is not checked.'
  },
  {
    id: 'quoter',
    name: 'Quoter',
    description:
      'hash (a form field): hex MD5 of (hash key + timestamp + data), the timestamp and data form fields as sent — a plain MD5, not an HMAC.',
    algorithm: 'md5',
    key: { form: 'utf8' },
    signedContent: [
      { part: 'secret' },
      { part: 'form-field', name: 'timestamp' },
      { part: 'form-field', name: 'data' }
    ],
    signature: { formField: 'hash', format: PLAIN, encoding: 'hex' },
    detect: { headers: [], bodyHint: '&data=' },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/quoter-webhooks',
    evidence: 'docs',
    notice:
      "MD5 with the key in front is Quoter's own choice and weak (a length-extension forgery can append to data). Its timestamp (GMT Unix seconds) is signed but its age is not checked."
  },
  {
    id: 'exact-online',
    name: 'Exact Online',
    description:
      'HashCode (a body field after Content): upper-case hex HMAC-SHA256(webhook secret, the Content member exactly as sent).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'json-member', name: 'Content' }],
    signature: { jsonField: 'HashCode', format: PLAIN, encoding: 'hex-upper' },
    detect: { headers: [], bodyHint: '"HashCode"' },
    event: { fields: ['Content.Topic'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/exact-online-webhooks',
    evidence: 'docs',
    notice: 'Only the Content member is signed, as its bytes stand in the body (never re-serialized).'
  },
  {
    id: 'fusionauth',
    name: 'FusionAuth',
    description:
      'X-FusionAuth-Signature-JWT: a JWT (HS256 with the webhook signing key) whose request_body_sha256 claim is the base64 SHA-256 of the body.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [
      {
        part: 'header-jwt',
        name: 'X-FusionAuth-Signature-JWT',
        alg: 'HS256',
        bodyClaim: { claim: 'request_body_sha256', digest: 'sha256', encoding: 'base64' }
      }
    ],
    signature: { headerJwt: 'X-FusionAuth-Signature-JWT', format: PLAIN, encoding: 'base64url-nopad' },
    detect: { headers: ['x-fusionauth-signature-jwt'] },
    event: { fields: ['event.type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/fusionauth-webhooks',
    evidence: 'docs',
    notice: 'An HMAC (HS256) signing key is checked; a JWT signed with an RSA or EC key from Key Master is not yet.'
  },
  {
    ...bodyMac('smile', 'Smile API', 'Smile-Signature', {
      algorithm: 'hmac-sha512',
      description: 'Smile-Signature: hex HMAC-SHA512(the endpoint secret set at registration, body).'
    }),
    event: { fields: ['type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/smile-webhooks',
    evidence: 'docs'
  },
  {
    id: 'tokenio',
    name: 'Token.io',
    description:
      "token-signature: base64url Ed25519 signature of the body; verify with the member's public key (the raw 32-byte key, or its JWK).",
    algorithm: 'ed25519',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'token-signature', format: PLAIN, encoding: 'base64url-nopad' },
    detect: { headers: ['token-signature', 'token-event'] },
    event: { header: 'token-event' },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/tokenio-webhooks',
    evidence: 'docs'
  },
  {
    id: 'utila',
    name: 'Utila',
    description:
      "x-utila-signature: base64 RSA-PSS SHA-512 signature of the body (RSA-4096); verify with the vault's public key from the Utila Console.",
    algorithm: 'rsa-pss-sha512',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: { header: 'x-utila-signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-utila-signature'] },
    event: { fields: ['type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/utila-webhooks',
    evidence: 'docs',
    notice: 'Utila sends no timestamp: a replayed delivery still verifies (its id tells repeats apart).'
  },
  {
    id: 'ebay',
    name: 'eBay (Notification API)',
    description:
      'X-EBAY-SIGNATURE: base64 of {"alg":"ecdsa","kid","signature","digest":"SHA1"}; signature = base64 DER ECDSA P-256 over SHA-1 of the body, checked with the public key eBay serves for kid.',
    algorithm: 'ecdsa-p256-sha1',
    key: { form: 'public-key' },
    signedContent: [BODY],
    signature: {
      header: 'X-EBAY-SIGNATURE',
      format: { kind: 'base64-json', field: 'signature', members: { alg: 'ecdsa', kid: '', digest: 'SHA1' } },
      encoding: 'base64'
    },
    detect: { headers: ['x-ebay-signature'] },
    event: { fields: ['metadata.topic'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/ebay-webhooks',
    evidence: 'docs',
    handshake: 'ebay-challenge',
    params: ['verificationToken', 'endpointUrl'],
    notice:
      "The key is the one eBay's getPublicKey call returns for the kid in the header (paste its PEM). A new destination is checked with a GET challenge_code, answered with hex SHA-256(code + verificationToken + endpointUrl), the endpoint's settings."
  },
  {
    id: 'nmi',
    name: 'NMI (Network Merchants)',
    description:
      'Webhook-Signature: "t=<nonce>,s=<hex HMAC-SHA256(signing key, nonce + "." + body)>" — t is a nonce, not a time.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'id' }, { literal: '.' }, BODY],
    signature: {
      header: 'Webhook-Signature',
      format: { kind: 'kv', pairSeparator: ',', kvSeparator: '=', signatureKey: 's', idKey: 't' },
      encoding: 'hex'
    },
    deliveryId: { fromSignature: true },
    detect: { headers: ['webhook-signature'] },
    event: { fields: ['event_type'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/nmi-webhooks',
    evidence: 'docs',
    notice: 'The nonce makes each signature unique but carries no time: a replayed delivery still verifies.'
  },
  {
    id: 'upollo',
    name: 'Upollo',
    description:
      'Upollo-Signature: "t:<unix seconds>,s0:<hex HMAC-SHA512(webhook secret, body)>"; the time is not signed.',
    algorithm: 'hmac-sha512',
    key: { form: 'utf8' },
    signedContent: [BODY],
    signature: {
      header: 'Upollo-Signature',
      format: { kind: 'kv', pairSeparator: ',', kvSeparator: ':', signatureKey: 's0' },
      encoding: 'hex'
    },
    detect: { headers: ['upollo-signature'] },
    docs: 'https://www.skills.sh/hookdeck/webhook-skills/upollo-webhooks',
    evidence: 'docs',
    notice: "Upollo's docs do not say how s0 is encoded: hex is assumed (its 128 characters)."
  },
  {
    id: 'hygraph',
    name: 'Hygraph',
    description:
      'gcms-signature: "sign=<base64 HMAC-SHA256(secret, content)>, env=<environment>, t=<ms>", the content being ' +
      'JSON.stringify({Body: <raw body>, EnvironmentName: env, TimeStamp: t}).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [
      {
        jsonObject: [
          { name: 'Body', parts: [BODY] },
          { name: 'EnvironmentName', parts: [{ part: 'param', name: 'env' }] },
          { name: 'TimeStamp', parts: [TS], as: 'integer' }
        ]
      }
    ],
    signature: {
      header: 'gcms-signature',
      format: {
        kind: 'kv',
        pairSeparator: ', ',
        kvSeparator: '=',
        signatureKey: 'sign',
        timestampKey: 't',
        paramKeys: ['env'],
        signatureFirst: true
      },
      encoding: 'base64'
    },
    timestamp: { fromSignature: true, unit: 'ms' },
    params: ['env'],
    aliases: ['graphcms'],
    detect: { headers: ['gcms-signature'] },
    event: { fields: ['operation'] },
    docs: 'https://www.npmjs.com/package/@hygraph/utils',
    evidence: 'sdk',
    notice:
      'The environment comes from the header (env=); to sign, set "env" on the key (Hygraph\'s own tool writes ' +
      '"master"). Hygraph sets no age limit: Hookscope checks none.'
  },
  {
    ...bodyMac('worldline', 'Worldline Connect', 'X-GCS-Signature', {
      description:
        'X-GCS-Signature: base64 HMAC-SHA256(secret key, body); X-GCS-KeyId names which of your keys signed it.',
      encoding: 'base64',
      detect: ['x-gcs-signature', 'x-gcs-keyid']
    }),
    event: { fields: ['type'] },
    docs: 'https://docs.connect.worldline-solutions.com/documentation/webhooks/event-structure/',
    evidence: 'sdk',
    notice: 'Every key stored for the endpoint is tried; X-GCS-KeyId is shown, not used to pick one.'
  },
  {
    ...bodyMac('mongodb-atlas', 'MongoDB Atlas (alerts)', 'X-MMS-Signature', {
      description:
        'X-MMS-Signature: base64 HMAC-SHA1(webhook secret, body); X-MMS-Event names the alert state (alert.open …).',
      algorithm: 'hmac-sha1',
      encoding: 'base64',
      detect: ['x-mms-signature', 'x-mms-event'],
      event: 'x-mms-event'
    }),
    aliases: ['mongodb', 'mongodb-cloud-manager'],
    docs: 'https://www.mongodb.com/docs/atlas/tutorial/webhook-integration/',
    evidence: 'docs',
    notice:
      'HMAC-SHA1 with no timestamp: a replayed alert still verifies. Cloud Manager and Ops Manager sign the same way.'
  },
  {
    ...bodyMac('autodesk', 'Autodesk Platform Services', 'x-adsk-signature', {
      description: 'x-adsk-signature: sha1hash=<hex HMAC-SHA1(secret token, body)>.',
      algorithm: 'hmac-sha1',
      format: prefixed('sha1hash=')
    }),
    aliases: ['autodesk-forge', 'aps'],
    docs: 'https://aps.autodesk.com/en/docs/webhooks/v1/tutorials/how-to-verify-payload-signature/',
    evidence: 'docs',
    notice: 'HMAC-SHA1 with no timestamp: a replayed callback still verifies.'
  },
  {
    id: 'bridge-api',
    name: 'Bridge API (bridgeapi.io)',
    description:
      'BridgeApi-Signature: v1=<hex HMAC-SHA256(signing secret, body)>, one v1= per active secret (two while a ' +
      "secret is replaced). Open banking by Bridge (formerly Bankin'), not bridge.xyz.",
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [BODY],
    signature: {
      header: 'BridgeApi-Signature',
      format: { kind: 'kv', pairSeparator: ',', kvSeparator: '=', signatureKey: 'v1' },
      encoding: 'hex'
    },
    detect: { headers: ['bridgeapi-signature'] },
    event: { fields: ['type'] },
    docs: 'https://docs.bridgeapi.io/docs/secure-your-webhooks',
    evidence: 'docs',
    notice:
      'Only v1= signatures count (other schemes are ignored, as Bridge asks). No timestamp is signed: a replayed ' +
      'event still verifies. Bridge does not say the hex case; either is accepted.'
  },
  {
    ...bodyMac('aftership', 'AfterShip Tracking', 'aftership-hmac-sha256', {
      description: 'aftership-hmac-sha256: base64 HMAC-SHA256(webhook secret, body).',
      encoding: 'base64'
    }),
    event: { fields: ['event'] },
    docs: 'https://www.aftership.com/docs/tracking/webhook/webhook-signature',
    evidence: 'docs',
    notice: 'No timestamp is signed: a replayed event still verifies.'
  },
  {
    ...bodyMac('aftership-returns', 'AfterShip Returns and Warranty', 'as-signature-hmac-sha256', {
      description: 'as-signature-hmac-sha256: base64 HMAC-SHA256(webhook secret, body).',
      encoding: 'base64'
    }),
    event: { fields: ['event'] },
    docs: 'https://www.aftership.com/docs/returns/2025-04/webhook/signature',
    evidence: 'docs',
    notice: 'No timestamp is signed: a replayed event still verifies.'
  },
  {
    ...bodyMac('aftership-shipping', 'AfterShip Shipping (Postmen, older accounts)', 'am-webhook-signature', {
      description:
        'am-webhook-signature: hmac-sha256=<base64 HMAC-SHA256(webhook secret, body)>, sent by AfterShip ' +
        'organizations created before 25 October 2022.',
      encoding: 'base64',
      format: prefixed('hmac-sha256=')
    }),
    aliases: ['postmen'],
    docs: 'https://www.aftership.com/docs/returns/2025-04/webhook/signature',
    evidence: 'docs',
    notice: 'No timestamp is signed: a replayed event still verifies.'
  },
  {
    ...bodyMac('hookdeck', 'Hookdeck (forwarded events)', 'x-hookdeck-signature', {
      description:
        'x-hookdeck-signature: base64 HMAC-SHA256(project signing secret, body), added by Hookdeck when it ' +
        'forwards an event to its destination; x-hookdeck-signature-2 carries the same under the second secret.',
      encoding: 'base64',
      alsoHeaders: ['x-hookdeck-signature-2']
    }),
    docs: 'https://hookdeck.com/docs/authentication',
    evidence: 'sdk',
    notice:
      "Hookdeck forwards the provider's own headers too: the original signature (Stripe, GitHub…) still " +
      'verifies byte for byte. No timestamp is signed: a replayed event still verifies.'
  }
]
