/**
 * What each built-in provider is, for finding it by what it does: the Schemes view and `hookscope
 * schemes` group providers by these categories (declared once, here; a test holds every provider
 * scheme to having one).
 */
export const CATEGORIES = [
  'Payments and billing',
  'Banking, crypto and finance',
  'Commerce and logistics',
  'Developer tools and infrastructure',
  'Messaging and communication',
  'Identity, security and compliance',
  'CRM, marketing and support',
  'Productivity, content and forms',
  'Data, devices and AI',
  'Starting points for your own'
] as const
export type Category = (typeof CATEGORIES)[number]

const BY_CATEGORY: Record<Category, readonly string[]> = {
  'Payments and billing': [
    'apsdai',
    'apsdai-password',
    'useepay-v2',
    'stripe',
    'square',
    'paddle-billing',
    'adyen',
    'adyen-platform',
    'razorpay',
    'coinbase-commerce',
    'paystack',
    'lemonsqueezy',
    'gocardless',
    'orb',
    'chargify',
    'paypal',
    'recurly',
    'fastspring',
    'bolt',
    'recharge',
    'tebex',
    'solidgate',
    'praxis',
    'wechatpay-v3',
    'alipay',
    'midtrans',
    'midtrans-iris',
    'cashfree',
    'paymongo',
    'omise',
    'xendit',
    'paypro-global',
    'exact-online',
    'nmi',
    'worldline'
  ],
  'Banking, crypto and finance': [
    'trubit-velafi',
    'modern-treasury',
    'airwallex',
    'xero',
    'bridge-xyz',
    'bridge-api',
    'synctera',
    'zerohash',
    'fireblocks',
    'coinbase',
    'circle',
    'treezor',
    'tokenio',
    'utila',
    'alchemy'
  ],
  'Commerce and logistics': [
    'tiki-tikinow',
    'shopify',
    'woocommerce',
    'commercelayer',
    'nuvemshop',
    'picqer',
    'akeneo',
    'shopline',
    'flexport',
    'lazada',
    'shopee',
    'tiktok-shop',
    'tiki-tiniapp',
    'wix',
    'bigcommerce',
    'ebay',
    'aftership',
    'aftership-returns',
    'aftership-shipping'
  ],
  'Developer tools and infrastructure': [
    'hookdeck',
    'mongodb-atlas',
    'autodesk',
    'github',
    'gitlab',
    'bitbucket',
    'standard-webhooks',
    'standard-webhooks-v1a',
    'svix',
    'sentry',
    'linear',
    'jira',
    'vercel',
    'heroku',
    'terraform',
    'circleci',
    'pagerduty',
    'sns',
    'sns-v1',
    'buildkite',
    'launchdarkly',
    'sonatype',
    'cursor',
    'mux',
    'sanity',
    'contentful',
    'pusher'
  ],
  'Messaging and communication': [
    'slack',
    'twilio',
    'zoom',
    'discord',
    'sendgrid',
    'mailgun',
    'telnyx',
    'line',
    'meta',
    'meta-sha1',
    'twitter',
    'microsoft-teams',
    'mailchimp',
    'plivo',
    'twitch-eventsub',
    'tiktok',
    'webex',
    'courier',
    'nylas',
    'frontapp',
    'dingtalk-robot-sign',
    'dingtalk-robot-callback',
    'feishu',
    'wecom'
  ],
  'Identity, security and compliance': ['workos', 'castle', 'persona', 'faundit', 'aiprise', 'upollo', 'fusionauth'],
  'CRM, marketing and support': [
    'intercom',
    'hubspot',
    'hubspot-v2',
    'hubspot-v1',
    'zendesk',
    'customerio',
    'pylon',
    'quoter',
    'linkedin'
  ],
  'Productivity, content and forms': [
    'typeform',
    'calendly',
    'box',
    'docusign',
    'dropbox',
    'asana',
    'trello',
    'airtable',
    'frameio',
    'tally',
    'favro',
    'clio',
    'hygraph'
  ],
  'Data, devices and AI': ['smartcar', 'enode', 'oura', 'smile'],
  'Starting points for your own': ['generic-hmac', 'generic-rsa', 'generic-ed25519']
}

const CATEGORY_OF = new Map<string, Category>(
  (Object.entries(BY_CATEGORY) as [Category, readonly string[]][]).flatMap(([c, ids]) =>
    ids.map((id) => [id, c] as const)
  )
)

/** Every scheme id the table names (each must be a built-in scheme: a test holds it so). */
export const categorizedIds = (): string[] => [...CATEGORY_OF.keys()]

/** The category of a built-in scheme, or null for one this table does not know (a user's own scheme). */
export function categoryOf(id: string): Category | null {
  return CATEGORY_OF.get(id) ?? null
}
