export type KeyKind = 'secret' | 'public' | 'private' | 'pair'

/** What the UI sees of a key: never the secret itself. */
export interface KeySummary {
  id: number
  name: string
  kind: KeyKind
  /** e.g. "RSA 2048", "Ed25519", "EC P-256", "shared secret (32 chars)". */
  algorithm: string
  fingerprint: string
  /** Public keys (not secret) are shown; secrets and private keys are masked. */
  publicKey: string | null
  storage: 'encrypted' | 'session' | 'public'
  /** ready: usable now; locked: sealed with the passphrase, not given this run; lost: session-only from an earlier run. */
  state: 'ready' | 'locked' | 'lost'
  createdAt: number
  lastUsedAt: number | null
}

export interface VaultStatus {
  backend: 'os-keychain' | 'passphrase' | 'session'
  description: string
  persistent: boolean
  /** True where the OS keychain is missing or weak and the user should choose session or passphrase. */
  warn: boolean
  /** Keys were sealed with a passphrase on an earlier run and it has not been given yet. */
  locked: boolean
  /** How many stored keys wait for the passphrase. */
  lockedKeys: number
  /**
   * How keys are kept, as the user chose: 'ask' until they do (no OS keychain, no passphrase, no
   * choice yet), then 'passphrase' or 'session'; 'keychain' where the OS keeps them.
   */
  choice: 'ask' | 'passphrase' | 'session' | 'keychain'
}

export type GenerateKind = 'secret' | 'secret-alnum32' | 'rsa-2048' | 'ed25519'

export interface ReplyRule {
  status: number
  headers: [string, string][]
  body: string
  delayMs: number
  /** 0–100: share of deliveries answered 500 to exercise the sender's retries. */
  failureRate: number
  /** How the provider checks the endpoint before (or while) it delivers; the answer it needs is given instead of the reply above. */
  handshake?: Handshake
}

/**
 * Provider handshakes an endpoint must answer to be registered or kept:
 * `echo-hook-secret` — Asana sends X-Hook-Secret, which must come back as the same header;
 * `challenge-query` — Dropbox's GET ?challenge=… is answered with the challenge;
 * `meta-subscribe` — Meta's GET ?hub.mode=subscribe&hub.challenge=… with the challenge (after hub.verify_token
 * matches the setting "verifyToken", when set);
 * `twitter-crc` — X's GET ?crc_token=… with {"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, token)>"};
 * `invalid-401` — Xero's intent to receive: a delivery whose signature is not valid is answered 401.
 */
export const HANDSHAKES = [
  'echo-hook-secret',
  'challenge-query',
  'meta-subscribe',
  'twitter-crc',
  'smartcar-verify',
  'linkedin-challenge',
  'oura-verify',
  'ebay-challenge',
  'invalid-401'
] as const
export type Handshake = (typeof HANDSHAKES)[number]

export interface Endpoint {
  id: number
  name: string
  pathPrefix: string
  /** Scheme id, or null to auto-detect. */
  scheme: string | null
  keyIds: number[]
  reply: ReplyRule
  /** Scheme settings such as appKey / clientKey. */
  params: Record<string, string>
  /** Forward every capture here, byte-exact, after answering the sender (like stripe listen --forward-to). */
  forwardTo?: string | null
}

export type EndpointInput = Omit<Endpoint, 'id'> & { id?: number }

/** What an endpoint answers unless its scheme names the provider's expected reply (see replyRule). */
export const DEFAULT_REPLY_RULE: ReplyRule = {
  status: 200,
  headers: [['Content-Type', 'text/plain; charset=utf-8']],
  body: 'OK\n',
  delayMs: 0,
  failureRate: 0
}
