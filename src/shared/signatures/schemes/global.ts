import type { SchemeDefinition } from '../types'
import { BODY, bodyMac, headerToken, kv, PLAIN, prefixed, TS } from './helpers'

/** Slack's construction, shared by Zoom: `v0=` hex HMAC-SHA256 of "v0:" + timestamp + ":" + body, 5 minutes. */
function v0Scheme(
  id: string,
  name: string,
  header: string,
  tsHeader: string,
  secret: string,
  detect: string[],
  note = ''
): SchemeDefinition {
  return {
    id,
    name,
    description: `${header}: v0=<hex HMAC-SHA256(${secret}, "v0:" + ts + ":" + body)>; ${tsHeader} seconds, 5 minutes.${note}`,
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'v0:' }, TS, { literal: ':' }, BODY],
    signature: { header, format: prefixed('v0='), encoding: 'hex' },
    timestamp: { header: tsHeader, unit: 's', toleranceSec: 300 },
    detect: { headers: detect }
  }
}

export const GLOBAL_SCHEMES: SchemeDefinition[] = [
  {
    id: 'stripe',
    name: 'Stripe',
    description:
      'Stripe-Signature: t=<seconds>,v1=<hex HMAC-SHA256(whsec_… as UTF-8, t + "." + body)>; several v1 during secret rolls; 300 s tolerance.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Stripe-Signature', format: kv(',', 'v1', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's', toleranceSec: 300 },
    detect: { headers: ['stripe-signature'] }
  },
  bodyMac('github', 'GitHub', 'X-Hub-Signature-256', {
    format: prefixed('sha256='),
    description: 'X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>.',
    detect: ['x-hub-signature-256', 'x-github-event'],
    event: 'x-github-event'
  }),
  {
    ...headerToken('gitlab', 'GitLab (secret token)', 'X-Gitlab-Token', {
      description:
        'X-Gitlab-Token carries the configured secret token verbatim (no signature; constant-time compare). The newer signing token follows Standard Webhooks.',
      detect: ['x-gitlab-token', 'x-gitlab-event'],
      notice: 'X-Gitlab-Token is a shared token, not a signature: it does not cover the body.'
    }),
    event: { header: 'x-gitlab-event' }
  },
  bodyMac('bitbucket', 'Bitbucket Cloud', 'X-Hub-Signature', {
    format: prefixed('sha256='),
    description: 'X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>.',
    detect: ['x-hub-signature', 'x-event-key'],
    event: 'x-event-key'
  }),
  {
    ...bodyMac('shopify', 'Shopify', 'X-Shopify-Hmac-Sha256', {
      encoding: 'base64',
      description:
        'X-Shopify-Hmac-Sha256: base64 HMAC-SHA256(app client secret, body). Events deliveries name it shopify-hmac-sha256.',
      detect: ['x-shopify-hmac-sha256', 'x-shopify-topic', 'shopify-hmac-sha256'],
      event: 'x-shopify-topic'
    }),
    headerAliases: { 'X-Shopify-Hmac-Sha256': ['shopify-hmac-sha256'] }
  },
  v0Scheme('slack', 'Slack', 'X-Slack-Signature', 'X-Slack-Request-Timestamp', 'signing secret', [
    'x-slack-signature',
    'x-slack-request-timestamp'
  ]),
  {
    id: 'standard-webhooks',
    name: 'Standard Webhooks (Svix, Clerk, Resend)',
    description:
      'webhook-signature: "v1,<base64 HMAC-SHA256(base64-decoded whsec_ secret, id.ts.body)>" (space-separated list); webhook-id, webhook-timestamp seconds, 5 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'base64', prefix: 'whsec_' },
    signedContent: [{ part: 'id' }, { literal: '.' }, TS, { literal: '.' }, BODY],
    signature: {
      header: 'webhook-signature',
      format: { kind: 'list', separator: ' ', itemPrefix: 'v1,' },
      encoding: 'base64'
    },
    timestamp: { header: 'webhook-timestamp', unit: 's', toleranceSec: 300 },
    deliveryId: { header: 'webhook-id' },
    // Clerk and Resend deliver with Svix's header names; the scheme is the same.
    headerAliases: {
      'webhook-id': ['svix-id'],
      'webhook-timestamp': ['svix-timestamp'],
      'webhook-signature': ['svix-signature']
    },
    aliases: ['clerk', 'resend'],
    detect: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'] }
  },
  {
    id: 'standard-webhooks-v1a',
    name: 'Standard Webhooks (Ed25519, v1a)',
    description:
      'webhook-signature: "v1a,<base64 Ed25519 signature over id.ts.body>"; public key whpk_<base64>, private whsk_<base64>.',
    algorithm: 'ed25519',
    key: { form: 'public-key' },
    signedContent: [{ part: 'id' }, { literal: '.' }, TS, { literal: '.' }, BODY],
    signature: {
      header: 'webhook-signature',
      format: { kind: 'list', separator: ' ', itemPrefix: 'v1a,' },
      encoding: 'base64'
    },
    timestamp: { header: 'webhook-timestamp', unit: 's', toleranceSec: 300 },
    deliveryId: { header: 'webhook-id' },
    detect: { headers: ['webhook-signature', 'webhook-id'] }
  },
  {
    id: 'svix',
    name: 'Svix (svix-* headers)',
    description: 'Standard Webhooks with svix-id, svix-timestamp and svix-signature header names.',
    algorithm: 'hmac-sha256',
    key: { form: 'base64', prefix: 'whsec_' },
    signedContent: [{ part: 'id' }, { literal: '.' }, TS, { literal: '.' }, BODY],
    signature: {
      header: 'svix-signature',
      format: { kind: 'list', separator: ' ', itemPrefix: 'v1,' },
      encoding: 'base64'
    },
    timestamp: { header: 'svix-timestamp', unit: 's', toleranceSec: 300 },
    deliveryId: { header: 'svix-id' },
    detect: { headers: ['svix-signature', 'svix-id'] }
  },
  {
    id: 'twilio',
    name: 'Twilio',
    description:
      'X-Twilio-Signature: base64 HMAC-SHA1(auth token, full URL + every POST parameter as name+value sorted by name; a repeated name once per distinct value, values sorted, as the official SDK does). JSON deliveries: the URL is signed and carries bodySHA256, the hex SHA-256 of the body, which is checked too.',
    algorithm: 'hmac-sha1',
    key: { form: 'utf8' },
    signedContent: [{ part: 'url' }, { part: 'form-sorted', kvJoin: '', pairJoin: '', repeated: 'sorted-unique' }],
    signature: { header: 'X-Twilio-Signature', format: PLAIN, encoding: 'base64' },
    bodyDigestQuery: 'bodySHA256',
    urlPortVariants: true,
    detect: { headers: ['x-twilio-signature'] }
  },
  {
    id: 'square',
    name: 'Square',
    description:
      'x-square-hmacsha256-signature: base64 HMAC-SHA256(signature key, notification URL + body). The notification URL is the exact string configured (setting "notificationUrl"; defaults to the request URL).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'url' }, BODY],
    signature: { header: 'x-square-hmacsha256-signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-square-hmacsha256-signature'] }
  },
  {
    id: 'paddle-billing',
    name: 'Paddle Billing',
    description:
      'Paddle-Signature: ts=<seconds>;h1=<hex HMAC-SHA256(secret, ts + ":" + body)>; several h1 during rotation; 5 s tolerance in the official SDK.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: ':' }, BODY],
    signature: { header: 'Paddle-Signature', format: kv(';', 'h1', 'ts'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's', toleranceSec: 5 },
    detect: { headers: ['paddle-signature'] }
  },
  {
    id: 'adyen',
    name: 'Adyen (classic notifications, HMAC per item)',
    description:
      'Each notificationItems[].NotificationRequestItem carries additionalData.hmacSignature = base64 HMAC-SHA256(hex-decoded key, pspReference:originalReference:merchantAccountCode:merchantReference:amount.value:amount.currency:eventCode:success); every item is checked. Values are joined as they are, as the official library does.',
    algorithm: 'hmac-sha256',
    key: { form: 'hex' },
    signedContent: [
      {
        part: 'json-fields',
        separator: ':',
        paths: [
          'pspReference',
          'originalReference',
          'merchantAccountCode',
          'merchantReference',
          'amount.value',
          'amount.currency',
          'eventCode',
          'success'
        ]
      }
    ],
    signature: { jsonField: 'additionalData.hmacSignature', format: PLAIN, encoding: 'base64' },
    items: { path: 'notificationItems', field: 'NotificationRequestItem' },
    detect: { headers: [], bodyHint: '"NotificationRequestItem"' }
  },
  {
    ...bodyMac('adyen-platform', 'Adyen platform / banking webhooks', 'HmacSignature', {
      encoding: 'base64',
      description:
        'HmacSignature header: base64 HMAC-SHA256(hex-decoded HMAC key, raw body) — Balance Platform, Management and other webhooks.',
      detect: ['hmacsignature']
    }),
    key: { form: 'hex' }
  },
  bodyMac('razorpay', 'Razorpay', 'X-Razorpay-Signature', {
    description: 'X-Razorpay-Signature: hex HMAC-SHA256(webhook secret, body).'
  }),
  v0Scheme(
    'zoom',
    'Zoom',
    'x-zm-signature',
    'x-zm-request-timestamp',
    'secret token',
    ['x-zm-signature'],
    ' Zoom fixes no tolerance: 5 minutes assumed.'
  ),
  {
    id: 'discord',
    name: 'Discord interactions',
    description:
      'X-Signature-Ed25519: hex Ed25519 signature over X-Signature-Timestamp + body; the application public key is 32 bytes hex.',
    algorithm: 'ed25519',
    key: { form: 'public-key' },
    signedContent: [TS, BODY],
    signature: { header: 'X-Signature-Ed25519', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'X-Signature-Timestamp', unit: 's' },
    detect: { headers: ['x-signature-ed25519'] }
  },
  {
    id: 'sendgrid',
    name: 'SendGrid Event Webhook',
    description:
      'X-Twilio-Email-Event-Webhook-Signature: base64 DER ECDSA P-256/SHA-256 over timestamp + body; verification key is base64 DER SPKI.',
    algorithm: 'ecdsa-p256-sha256',
    key: { form: 'public-key' },
    signedContent: [TS, BODY],
    signature: {
      header: 'X-Twilio-Email-Event-Webhook-Signature',
      format: PLAIN,
      encoding: 'base64',
      ecdsaForm: 'der'
    },
    timestamp: { header: 'X-Twilio-Email-Event-Webhook-Timestamp', unit: 's' },
    detect: { headers: ['x-twilio-email-event-webhook-signature'] }
  },
  bodyMac('intercom', 'Intercom', 'X-Hub-Signature', {
    algorithm: 'hmac-sha1',
    format: prefixed('sha1='),
    description: 'X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, body)>.'
  }),
  {
    id: 'hubspot',
    name: 'HubSpot (v3)',
    description:
      'X-HubSpot-Signature-v3: base64 HMAC-SHA256(client secret, method + URL + body + timestamp); X-HubSpot-Request-Timestamp ms, 5 minutes. A delivery with X-HubSpot-Signature-Version v1 or v2 is checked by that version.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'method' }, { part: 'url' }, BODY, TS],
    signature: { header: 'X-HubSpot-Signature-v3', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'X-HubSpot-Request-Timestamp', unit: 'ms', toleranceSec: 300 },
    versionedBy: { header: 'X-HubSpot-Signature-Version', schemes: { v1: 'hubspot-v1', v2: 'hubspot-v2' } },
    detect: { headers: ['x-hubspot-signature-v3'] },
    event: { header: 'x-hubspot-event' }
  },
  {
    id: 'hubspot-v2',
    name: 'HubSpot (v2)',
    description: 'X-HubSpot-Signature: hex SHA-256 (plain hash) of client secret + method + URL + body.',
    algorithm: 'sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'secret' }, { part: 'method' }, { part: 'url' }, BODY],
    signature: { header: 'X-HubSpot-Signature', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['x-hubspot-signature', 'x-hubspot-signature-version'] }
  },
  {
    id: 'hubspot-v1',
    name: 'HubSpot (v1)',
    description: 'X-HubSpot-Signature: hex SHA-256 (plain hash) of client secret + body.',
    algorithm: 'sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'secret' }, BODY],
    signature: { header: 'X-HubSpot-Signature', format: PLAIN, encoding: 'hex' },
    detect: { headers: ['x-hubspot-signature'] }
  },
  {
    ...bodyMac('linear', 'Linear', 'Linear-Signature', {
      description:
        "Linear-Signature: hex HMAC-SHA256(signing secret, body); the body's webhookTimestamp (epoch ms, a number) must be within 60 s, as the official SDK enforces.",
      event: 'linear-event'
    }),
    timestamp: { jsonField: 'webhookTimestamp', unit: 'ms', toleranceSec: 60, jsonNumber: true }
  },
  bodyMac('typeform', 'Typeform', 'Typeform-Signature', {
    encoding: 'base64',
    format: prefixed('sha256='),
    description: 'Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, body)>.'
  }),
  {
    id: 'calendly',
    name: 'Calendly',
    description:
      'Calendly-Webhook-Signature: t=<seconds>,v1=<hex HMAC-SHA256(signing key, t + "." + body)>; 3 minutes as in the docs example.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Calendly-Webhook-Signature', format: kv(',', 'v1', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's', toleranceSec: 180 },
    detect: { headers: ['calendly-webhook-signature'] }
  },
  bodyMac('sentry', 'Sentry integration', 'Sentry-Hook-Signature', {
    description: 'Sentry-Hook-Signature: hex HMAC-SHA256(client secret, body).',
    event: 'sentry-hook-resource'
  }),
  bodyMac('coinbase-commerce', 'Coinbase Commerce', 'X-CC-Webhook-Signature', {
    description: 'X-CC-Webhook-Signature: hex HMAC-SHA256(shared secret, body).'
  }),
  bodyMac('paystack', 'Paystack', 'x-paystack-signature', {
    algorithm: 'hmac-sha512',
    description: 'x-paystack-signature: hex HMAC-SHA512(secret key, body).'
  }),
  bodyMac('lemonsqueezy', 'Lemon Squeezy', 'X-Signature', {
    description: 'X-Signature: hex HMAC-SHA256(signing secret, body).',
    detect: ['x-signature', 'x-event-name'],
    event: 'x-event-name'
  }),
  bodyMac('woocommerce', 'WooCommerce', 'X-WC-Webhook-Signature', {
    encoding: 'base64',
    description: 'X-WC-Webhook-Signature: base64 HMAC-SHA256(secret, body).',
    event: 'x-wc-webhook-topic'
  }),
  {
    id: 'box',
    name: 'Box',
    description:
      'BOX-SIGNATURE-PRIMARY and -SECONDARY: base64 HMAC-SHA256(primary or secondary key, body + BOX-DELIVERY-TIMESTAMP); either may match; RFC 3339 timestamp, 10 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [BODY, TS],
    signature: {
      header: 'BOX-SIGNATURE-PRIMARY',
      alsoHeaders: ['BOX-SIGNATURE-SECONDARY'],
      format: PLAIN,
      encoding: 'base64'
    },
    timestamp: { header: 'BOX-DELIVERY-TIMESTAMP', unit: 'rfc3339', toleranceSec: 600 },
    detect: { headers: ['box-signature-primary', 'box-delivery-timestamp'] }
  },
  bodyMac('docusign', 'DocuSign Connect', 'X-DocuSign-Signature-1', {
    description:
      'X-DocuSign-Signature-1 (…-2 and on while keys rotate): base64 HMAC-SHA256(Connect HMAC key, body); any one that matches is valid. No timestamp is signed.',
    encoding: 'base64',
    alsoHeaders: [2, 3, 4, 5].map((n) => `X-DocuSign-Signature-${n}`)
  }),
  {
    id: 'twitch-eventsub',
    name: 'Twitch EventSub',
    description:
      'Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret, message id + timestamp + body)>; RFC 3339 timestamp, 10 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'id' }, TS, BODY],
    signature: { header: 'Twitch-Eventsub-Message-Signature', format: prefixed('sha256='), encoding: 'hex' },
    timestamp: { header: 'Twitch-Eventsub-Message-Timestamp', unit: 'rfc3339', toleranceSec: 600 },
    deliveryId: { header: 'Twitch-Eventsub-Message-Id' },
    detect: { headers: ['twitch-eventsub-message-signature'] },
    event: { header: 'twitch-eventsub-subscription-type' }
  }
]

/** Mailgun signs inside the JSON body; kept after the header-signed schemes (detection order). */
export const MAILGUN: SchemeDefinition = {
  id: 'mailgun',
  name: 'Mailgun',
  description: 'JSON body signature.signature = hex HMAC-SHA256(signing key, signature.timestamp + signature.token).',
  algorithm: 'hmac-sha256',
  key: { form: 'utf8' },
  signedContent: [TS, { part: 'json-fields', paths: ['signature.token'], separator: '' }],
  signature: { jsonField: 'signature.signature', format: PLAIN, encoding: 'hex' },
  timestamp: { jsonField: 'signature.timestamp', unit: 's', toleranceSec: 300 },
  detect: { headers: [], bodyHint: '"signature":{' }
}
