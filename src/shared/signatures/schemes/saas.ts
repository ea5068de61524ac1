import type { SchemeDefinition } from '../types'
import { BODY, bodyMac, kv, PLAIN, prefixed, TS } from './helpers'

/**
 * The mainstream long tail the strongest peers verify (ngrok's verify-webhook list and Hookdeck's
 * source types). Each says where its recipe comes from: `evidence` "sdk" — the provider's official
 * SDK checks what Hookscope signs and the other way round (test/shared/signatures/sdk-oracles-saas);
 * "docs" — from the provider's documentation (`docs`), not yet confirmed by a vector or an SDK.
 */
/** What Amazon SNS signs, in its order; a message signs those it carries (Notification: no SubscribeURL or Token). */
/** SNS names its signing certificate in SigningCertURL, on sns.<region>.amazonaws.com (.com.cn in China), as AWS's validators pin it. */
const SNS_CERTIFICATE = { field: 'SigningCertURL', hosts: ['sns.*.amazonaws.com', 'sns.*.amazonaws.com.cn'] }
const SNS_SIGNED = ['Message', 'MessageId', 'Subject', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type']

export const SAAS_SCHEMES: SchemeDefinition[] = [
  {
    id: 'mux',
    name: 'Mux',
    description: 'Mux-Signature: t=<seconds>,v1=<hex HMAC-SHA256(signing secret, t + "." + body)>; 5 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'Mux-Signature', format: kv(',', 'v1', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 's', toleranceSec: 300 },
    detect: { headers: ['mux-signature'] },
    event: { fields: ['type'] },
    docs: 'https://docs.mux.com/guides/video/verify-webhook-signatures',
    evidence: 'sdk'
  },
  {
    id: 'sanity',
    name: 'Sanity',
    description:
      'sanity-webhook-signature: t=<ms>,v1=<base64url HMAC-SHA256(secret, t + "." + body), no padding>; no age limit in the SDK.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'sanity-webhook-signature', format: kv(',', 'v1', 't'), encoding: 'base64url-nopad' },
    timestamp: { fromSignature: true, unit: 'ms' },
    detect: { headers: ['sanity-webhook-signature', 'sanity-operation'] },
    event: { header: 'sanity-operation' },
    docs: 'https://www.sanity.io/docs/webhooks',
    evidence: 'sdk'
  },
  {
    id: 'workos',
    name: 'WorkOS',
    description: 'WorkOS-Signature: t=<ms>, v1=<hex HMAC-SHA256(secret, t + "." + body)>; the SDK allows 3 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: { header: 'WorkOS-Signature', format: kv(',', 'v1', 't'), encoding: 'hex' },
    timestamp: { fromSignature: true, unit: 'ms', toleranceSec: 180 },
    detect: { headers: ['workos-signature'] },
    event: { fields: ['event'] },
    docs: 'https://workos.com/docs/events/data-syncing/webhooks',
    evidence: 'sdk'
  },
  {
    ...bodyMac('modern-treasury', 'Modern Treasury', 'X-Signature', {
      description: 'X-Signature: hex HMAC-SHA256(webhook key, body).',
      detect: ['x-signature', 'x-topic'],
      event: 'x-topic'
    }),
    docs: 'https://docs.moderntreasury.com/docs/verifying-webhooks',
    evidence: 'sdk'
  },
  {
    id: 'orb',
    name: 'Orb',
    description:
      'X-Orb-Signature: "v1=<hex HMAC-SHA256(secret, "v1:" + X-Orb-Timestamp + ":" + body)>" (space-separated list); X-Orb-Timestamp ISO 8601 in UTC, 5 minutes.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'v1:' }, TS, { literal: ':' }, BODY],
    signature: {
      header: 'X-Orb-Signature',
      format: { kind: 'list', separator: ' ', itemPrefix: 'v1=' },
      encoding: 'hex'
    },
    timestamp: { header: 'X-Orb-Timestamp', unit: 'rfc3339', toleranceSec: 300 },
    detect: { headers: ['x-orb-signature', 'x-orb-timestamp'] },
    event: { fields: ['type'] },
    docs: 'https://docs.withorb.com/integrations-and-exports/webhooks',
    evidence: 'sdk'
  },
  {
    ...bodyMac('gocardless', 'GoCardless', 'Webhook-Signature', {
      description: 'Webhook-Signature: hex HMAC-SHA256(webhook endpoint secret, body).'
    }),
    // Standard Webhooks names its signature header the same: a GoCardless body (events with resource types) tells them apart.
    detect: { headers: ['webhook-signature'], bodyHint: '"resource_type"' },
    docs: 'https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks',
    evidence: 'sdk'
  },
  {
    id: 'telnyx',
    name: 'Telnyx',
    description:
      'telnyx-signature-ed25519: base64 Ed25519 signature over telnyx-timestamp + "|" + body; public key: 32 bytes base64 from the portal; 5 minutes.',
    algorithm: 'ed25519',
    key: { form: 'public-key' },
    signedContent: [TS, { literal: '|' }, BODY],
    signature: { header: 'telnyx-signature-ed25519', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'telnyx-timestamp', unit: 's', toleranceSec: 300 },
    detect: { headers: ['telnyx-signature-ed25519', 'telnyx-timestamp'] },
    event: { fields: ['data.event_type'] },
    docs: 'https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks',
    evidence: 'sdk'
  },
  {
    ...bodyMac('line', 'LINE Messaging API', 'X-Line-Signature', {
      encoding: 'base64',
      description: 'X-Line-Signature: base64 HMAC-SHA256(channel secret, body).',
      detect: ['x-line-signature']
    }),
    docs: 'https://developers.line.biz/en/docs/messaging-api/receiving-messages/#verify-signature',
    evidence: 'sdk'
  },
  {
    ...bodyMac('meta', 'Meta (Facebook, WhatsApp, Instagram, Messenger)', 'X-Hub-Signature-256', {
      format: prefixed('sha256='),
      description:
        'X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>. Older deliveries also carry X-Hub-Signature: sha1=… (the meta-sha1 scheme).',
      detect: ['x-hub-signature-256']
    }),
    detect: { headers: ['x-hub-signature-256'], bodyHint: '"entry":[' },
    event: { fields: ['object'] },
    aliases: ['facebook', 'whatsapp', 'instagram', 'messenger'],
    handshake: 'meta-subscribe',
    params: ['verifyToken'],
    docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started',
    evidence: 'docs'
  },
  {
    ...bodyMac('meta-sha1', 'Meta (legacy X-Hub-Signature, SHA-1)', 'X-Hub-Signature', {
      algorithm: 'hmac-sha1',
      format: prefixed('sha1='),
      description: 'X-Hub-Signature: sha1=<hex HMAC-SHA1(app secret, body)>, sent beside X-Hub-Signature-256.'
    }),
    detect: { headers: ['x-hub-signature'], bodyHint: '"entry":[' },
    docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started',
    evidence: 'docs'
  },
  {
    ...bodyMac('jira', 'Jira Cloud', 'X-Hub-Signature', {
      format: prefixed('sha256='),
      description: 'X-Hub-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)> (admin webhooks with a secret).',
      detect: ['x-hub-signature', 'x-atlassian-webhook-identifier']
    }),
    event: { fields: ['webhookEvent'] },
    docs: 'https://developer.atlassian.com/cloud/jira/platform/webhooks/',
    evidence: 'docs'
  },
  {
    ...bodyMac('xero', 'Xero', 'x-xero-signature', {
      encoding: 'base64',
      description: 'x-xero-signature: base64 HMAC-SHA256(webhook key, body).'
    }),
    reply: { status: 200, contentType: 'text/plain; charset=utf-8', body: '' },
    handshake: 'invalid-401',
    docs: 'https://developer.xero.com/documentation/guides/webhooks/configuring-your-server',
    evidence: 'docs',
    notice:
      'Xero checks the endpoint first ("intent to receive"): its endpoint answers 200 to a valid signature and 401 to an invalid one.'
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    description:
      'X-Zendesk-Webhook-Signature: base64 HMAC-SHA256(signing secret, X-Zendesk-Webhook-Signature-Timestamp + body).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, BODY],
    signature: { header: 'X-Zendesk-Webhook-Signature', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'X-Zendesk-Webhook-Signature-Timestamp', unit: 'rfc3339' },
    detect: { headers: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'] },
    docs: 'https://developer.zendesk.com/documentation/webhooks/verifying/',
    evidence: 'docs'
  },
  {
    ...bodyMac('vercel', 'Vercel', 'x-vercel-signature', {
      algorithm: 'hmac-sha1',
      description:
        'x-vercel-signature: hex HMAC-SHA1(webhook secret or integration client secret, body); log drains sign the same way.'
    }),
    event: { fields: ['type'] },
    docs: 'https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('heroku', 'Heroku', 'Heroku-Webhook-Hmac-SHA256', {
      encoding: 'base64',
      description: 'Heroku-Webhook-Hmac-SHA256: base64 HMAC-SHA256(webhook secret, body).',
      detect: ['heroku-webhook-hmac-sha256', 'heroku-webhook-id']
    }),
    docs: 'https://devcenter.heroku.com/articles/app-webhooks',
    evidence: 'docs'
  },
  {
    ...bodyMac('dropbox', 'Dropbox', 'X-Dropbox-Signature', {
      description: 'X-Dropbox-Signature: hex HMAC-SHA256(app secret, body).'
    }),
    docs: 'https://www.dropbox.com/developers/reference/webhooks',
    evidence: 'docs',
    handshake: 'challenge-query',
    notice: 'Dropbox first checks the endpoint with GET ?challenge=…, which its endpoint echoes back.'
  },
  {
    ...bodyMac('asana', 'Asana', 'X-Hook-Signature', {
      description: 'X-Hook-Signature: hex HMAC-SHA256(the X-Hook-Secret of the handshake, body).'
    }),
    docs: 'https://developers.asana.com/docs/webhooks-guide',
    evidence: 'docs',
    handshake: 'echo-hook-secret',
    notice:
      'Asana opens a webhook with a handshake carrying X-Hook-Secret: its endpoint echoes it back; keep it as the key.'
  },
  {
    ...bodyMac('terraform', 'HCP Terraform (notifications)', 'X-TFE-Notification-Signature', {
      algorithm: 'hmac-sha512',
      description: 'X-TFE-Notification-Signature: hex HMAC-SHA512(notification token, body).'
    }),
    docs: 'https://developer.hashicorp.com/terraform/cloud-docs/api-docs/notification-configurations',
    evidence: 'docs'
  },
  {
    ...bodyMac('circleci', 'CircleCI', 'circleci-signature', {
      format: kv(',', 'v1', 't'),
      description: 'circleci-signature: v1=<hex HMAC-SHA256(secret, body)> (a comma-separated versioned list).',
      detect: ['circleci-signature', 'circleci-event-type'],
      event: 'circleci-event-type'
    }),
    docs: 'https://circleci.com/docs/webhooks/',
    evidence: 'docs'
  },
  {
    ...bodyMac('pagerduty', 'PagerDuty', 'X-PagerDuty-Signature', {
      format: { kind: 'list', separator: ',', itemPrefix: 'v1=' },
      description:
        'X-PagerDuty-Signature: comma-separated v1=<hex HMAC-SHA256(secret, body)> (one per secret during rotation).'
    }),
    event: { fields: ['event.event_type'] },
    docs: 'https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures',
    evidence: 'docs'
  },
  {
    ...bodyMac('twitter', 'X (Twitter) Account Activity', 'x-twitter-webhooks-signature', {
      encoding: 'base64',
      format: prefixed('sha256='),
      description: 'x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>.'
    }),
    aliases: ['x-twitter'],
    docs: 'https://developer.x.com/en/docs/x-api/enterprise/account-activity-api/guides/securing-webhooks',
    evidence: 'docs',
    handshake: 'twitter-crc',
    notice:
      'X checks the endpoint with a CRC: its endpoint answers GET ?crc_token=… with {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>"}.'
  },
  {
    ...bodyMac('chargify', 'Maxio Advanced Billing (Chargify)', 'X-Chargify-Webhook-Signature-Hmac-Sha-256', {
      description: 'X-Chargify-Webhook-Signature-Hmac-Sha-256: hex HMAC-SHA256(site shared key, body).',
      detect: ['x-chargify-webhook-signature-hmac-sha-256', 'x-chargify-webhook-id']
    }),
    aliases: ['maxio'],
    docs: 'https://maxio-chargify.zendesk.com/hc/en-us/articles/5405357509645-Webhooks-Reference#webhook-signature',
    evidence: 'docs'
  },
  {
    id: 'airwallex',
    name: 'Airwallex',
    description: 'x-signature: hex HMAC-SHA256(endpoint secret, x-timestamp + body) (no separator); x-timestamp in ms.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, BODY],
    signature: { header: 'x-signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'x-timestamp', unit: 'ms' },
    detect: { headers: ['x-signature', 'x-timestamp'], bodyHint: '"account_id"' },
    event: { fields: ['name'] },
    docs: 'https://www.airwallex.com/docs/developer-tools__listen-for-webhook-events__verify-webhook-signatures',
    evidence: 'docs'
  },
  {
    id: 'customerio',
    name: 'Customer.io (reporting webhooks)',
    description:
      'X-CIO-Signature: hex HMAC-SHA256(signing key, "v0:" + X-CIO-Timestamp + ":" + body); timestamp in seconds.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ literal: 'v0:' }, TS, { literal: ':' }, BODY],
    signature: { header: 'X-CIO-Signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'X-CIO-Timestamp', unit: 's' },
    detect: { headers: ['x-cio-signature', 'x-cio-timestamp'] },
    event: { fields: ['metric'] },
    docs: 'https://docs.customer.io/journeys/webhooks/#securely-verify-requests',
    evidence: 'docs'
  },
  {
    id: 'microsoft-teams',
    name: 'Microsoft Teams (outgoing webhook)',
    description: 'Authorization: HMAC <base64 HMAC-SHA256(base64-decoded security token, body)>.',
    algorithm: 'hmac-sha256',
    key: { form: 'base64' },
    signedContent: [BODY],
    signature: { header: 'Authorization', format: prefixed('HMAC '), encoding: 'base64' },
    // Authorization is on countless requests: only a Teams message body points here.
    detect: { headers: [], bodyHint: '"teamsChannelId"' },
    docs: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook',
    evidence: 'docs'
  },
  {
    id: 'paypal',
    name: 'PayPal',
    description:
      'PAYPAL-TRANSMISSION-SIG: base64 SHA256withRSA over transmission id + "|" + transmission time + "|" + your webhook ID + "|" + CRC-32 of the body (unsigned decimal); the key is the certificate at PAYPAL-CERT-URL.',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [
      { part: 'header', name: 'PAYPAL-TRANSMISSION-ID' },
      { literal: '|' },
      TS,
      { literal: '|' },
      { part: 'param', name: 'webhookId' },
      { literal: '|' },
      { part: 'body-crc32' }
    ],
    signature: { header: 'PAYPAL-TRANSMISSION-SIG', format: PLAIN, encoding: 'base64' },
    timestamp: { header: 'PAYPAL-TRANSMISSION-TIME', unit: 'rfc3339' },
    params: ['webhookId'],
    detect: { headers: ['paypal-transmission-sig', 'paypal-transmission-id', 'paypal-cert-url'] },
    certificate: {
      header: 'PAYPAL-CERT-URL',
      hosts: ['api.paypal.com', 'api-m.paypal.com', 'api.sandbox.paypal.com', 'api-m.sandbox.paypal.com']
    },
    event: { fields: ['event_type'] },
    docs: 'https://developer.paypal.com/api/rest/webhooks/rest/',
    evidence: 'docs',
    notice:
      'PayPal signs a CRC-32 of the body, not the body: the signature proves who sent it, not that the body is the one sent. Its key is the certificate at PAYPAL-CERT-URL (a paypal.com host): fetch it from the Signature panel, or paste it.'
  },
  {
    id: 'sns',
    name: 'Amazon SNS',
    description:
      'Signature (JSON body): base64 SHA256withRSA (SignatureVersion 2; SHA1withRSA for 1) over "Name\\nValue\\n" for Message, MessageId, Subject, SubscribeURL, Timestamp, Token, TopicArn and Type, those present; the key is the certificate at SigningCertURL (sns.<region>.amazonaws.com).',
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [{ part: 'json-pairs', names: SNS_SIGNED }],
    signature: { jsonField: 'Signature', format: PLAIN, encoding: 'base64' },
    timestamp: { jsonField: 'Timestamp', unit: 'rfc3339' },
    versionedBy: { jsonField: 'SignatureVersion', schemes: { '1': 'sns-v1', '2': 'sns' }, strict: true },
    detect: { headers: ['x-amz-sns-message-type', 'x-amz-sns-topic-arn'] },
    event: { header: 'x-amz-sns-message-type' },
    certificate: SNS_CERTIFICATE,
    docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html',
    evidence: 'sdk',
    notice:
      'Its key is the certificate at SigningCertURL (sns.<region>.amazonaws.com): fetch it from the Signature panel, or paste it. A SubscriptionConfirmation is confirmed by visiting its SubscribeURL: the Signature panel does it when you click, once the signature checks valid.'
  },
  {
    id: 'sns-v1',
    name: 'Amazon SNS (SignatureVersion 1)',
    description: 'As Amazon SNS, with SHA1withRSA: the SignatureVersion 1 deliveries.',
    algorithm: 'rsa-pkcs1-sha1',
    key: { form: 'public-key' },
    signedContent: [{ part: 'json-pairs', names: SNS_SIGNED }],
    signature: { jsonField: 'Signature', format: PLAIN, encoding: 'base64' },
    timestamp: { jsonField: 'Timestamp', unit: 'rfc3339' },
    certificate: SNS_CERTIFICATE,
    docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html',
    evidence: 'sdk'
  },
  {
    id: 'recurly',
    name: 'Recurly',
    description:
      'recurly-signature: "<ms>,<hex HMAC-SHA256(endpoint key, ms + "." + body)>[,<another>]" (one per key during rotation); JSON webhooks only.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [TS, { literal: '.' }, BODY],
    signature: {
      header: 'recurly-signature',
      format: { kind: 'list', separator: ',', timestampFirst: true },
      encoding: 'hex'
    },
    timestamp: { fromSignature: true, unit: 'ms', toleranceSec: 300 },
    detect: { headers: ['recurly-signature'] },
    event: { fields: ['event_type'] },
    docs: 'https://docs.recurly.com/recurly-subscriptions/docs/signature-verification',
    evidence: 'docs'
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp Transactional (Mandrill)',
    description:
      'X-Mandrill-Signature: base64 HMAC-SHA1(webhook key, the webhook URL as registered + each POST field sorted by name as name + value).',
    algorithm: 'hmac-sha1',
    key: { form: 'utf8' },
    signedContent: [{ part: 'url' }, { part: 'form-sorted', kvJoin: '', pairJoin: '' }],
    signature: { header: 'X-Mandrill-Signature', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-mandrill-signature'] },
    aliases: ['mandrill'],
    docs: 'https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests',
    evidence: 'docs'
  },
  {
    id: 'plivo',
    name: 'Plivo (V2)',
    description:
      'X-Plivo-Signature-V2: base64 HMAC-SHA256(auth token, the URL without its query + X-Plivo-Signature-V2-Nonce).',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [{ part: 'url-base' }, { part: 'header', name: 'X-Plivo-Signature-V2-Nonce' }],
    signature: { header: 'X-Plivo-Signature-V2', format: PLAIN, encoding: 'base64' },
    detect: { headers: ['x-plivo-signature-v2', 'x-plivo-signature-v2-nonce'] },
    docs: 'https://www.plivo.com/docs/voice/concepts/signature-validation',
    evidence: 'sdk',
    notice:
      'Plivo V2 signs the URL it called and a nonce, not the body: a changed body still verifies. Check with the public URL Plivo was given (Signed URL).'
  },
  {
    id: 'contentful',
    name: 'Contentful',
    description:
      'x-contentful-signature: hex HMAC-SHA256(secret, method + "\\n" + path (its query escaped) + "\\n" + the headers x-contentful-signed-headers lists, as name:value joined by ";" + "\\n" + body); x-contentful-timestamp ms, 30 s.',
    algorithm: 'hmac-sha256',
    key: { form: 'utf8' },
    signedContent: [
      { part: 'method' },
      { literal: '\n' },
      { part: 'path-escaped' },
      { literal: '\n' },
      { part: 'listed-headers', list: 'x-contentful-signed-headers' },
      { literal: '\n' },
      BODY
    ],
    signature: { header: 'x-contentful-signature', format: PLAIN, encoding: 'hex' },
    timestamp: { header: 'x-contentful-timestamp', unit: 'ms', toleranceSec: 30 },
    detect: { headers: ['x-contentful-signature', 'x-contentful-signed-headers', 'x-contentful-timestamp'] },
    event: { header: 'x-contentful-topic' },
    docs: 'https://www.contentful.com/developers/docs/webhooks/request-verification/',
    evidence: 'sdk'
  },
  {
    id: 'wix',
    name: 'Wix',
    description:
      "The body is a JWT (compact JWS, RS256) signed with the app key: its data claim holds the event; verify with the app's public key.",
    algorithm: 'rsa-pkcs1-sha256',
    key: { form: 'public-key' },
    signedContent: [{ part: 'jws-signing-input' }],
    signature: { bodyJws: true, format: PLAIN, encoding: 'base64url-nopad' },
    detect: { headers: [], bodyHint: 'eyJ' },
    docs: 'https://dev.wix.com/docs/build-apps/develop-your-app/api-integrations/events-and-webhooks/about-webhooks',
    evidence: 'sdk'
  }
]
