import { createHash, createHmac } from 'node:crypto'
import type { CaptureReply, Verdict, RawHeaders } from '@shared/model/capture'
import type { Handshake } from '@shared/model/vault'
import { headerValue } from '@shared/http/headers'

/** What a handshake answer reads of the request and the endpoint. */
export interface HandshakeInput {
  method: string
  target: string
  rawHeaders: RawHeaders
  body: Uint8Array
  verdict: Verdict | null
  /** Endpoint settings (Meta's verifyToken). */
  params: Record<string, string>
  /** The endpoint's secret, for answers computed with it (X's CRC); null when it has none ready. */
  secret: () => Uint8Array | null
}

/** A challenge echoed back is at most this long (providers send short random strings). */
const MAX_ECHO = 1024
const TEXT: [string, string][] = [
  ['Content-Type', 'text/plain; charset=utf-8'],
  ['X-Content-Type-Options', 'nosniff']
]

function query(target: string): URLSearchParams {
  const q = target.indexOf('?')
  return new URLSearchParams(q < 0 ? '' : target.slice(q + 1))
}

const json = (value: unknown): CaptureReply => ({
  status: 200,
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Content-Type-Options', 'nosniff']
  ],
  body: JSON.stringify(value)
})

/**
 * Smartcar's VERIFY event: its challenge, or null when the body is not one. Both shapes it has used are
 * read (`eventName: "verify"` with `payload.challenge`, `eventType: "VERIFY"` with `data.challenge`).
 */
function smartcarChallenge(body: Uint8Array): string | null {
  if (body.length > 64 * 1024) return null
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(body))
  } catch {
    return null
  }
  if (!doc || typeof doc !== 'object') return null
  const o = doc as Record<string, unknown>
  const kind = typeof o.eventName === 'string' ? o.eventName : typeof o.eventType === 'string' ? o.eventType : ''
  if (kind.toLowerCase() !== 'verify') return null
  const holder = (o.payload ?? o.data) as Record<string, unknown> | undefined
  const challenge = holder && typeof holder === 'object' ? holder.challenge : undefined
  return typeof challenge === 'string' && challenge.length <= MAX_ECHO ? challenge : null
}

const text = (status: number, body: string, headers: [string, string][] = []): CaptureReply => ({
  status,
  headers: [...TEXT, ...headers],
  body
})

/** LinkedIn's GET ?challengeCode=: the code and its hex HMAC-SHA256 under the endpoint's key. */
function linkedinAnswer(r: HandshakeInput): CaptureReply | null {
  const code = r.method === 'GET' ? query(r.target).get('challengeCode') : null
  if (code === null) return null
  if (code.length > MAX_ECHO) return text(400, 'challengeCode is too long.\n')
  const secret = r.secret()
  if (!secret)
    return text(503, 'Hookscope has no key for this endpoint to answer the challenge with (or the vault is locked).\n')
  return json({ challengeCode: code, challengeResponse: createHmac('sha256', secret).update(code).digest('hex') })
}

/** Oura's GET ?verification_token=&challenge=: the challenge, when the token is the endpoint's verificationToken. */
function ouraAnswer(r: HandshakeInput): CaptureReply | null {
  const q = query(r.target)
  const challenge = r.method === 'GET' ? q.get('challenge') : null
  if (challenge === null) return null
  if (challenge.length > MAX_ECHO) return text(400, 'challenge is too long.\n')
  const expected = r.params.verificationToken
  if (expected && q.get('verification_token') !== expected)
    return text(403, 'verification_token is not the endpoint setting verificationToken.\n')
  return json({ challenge })
}

/** eBay's GET ?challenge_code=: hex SHA-256 of the code, the verification token and the endpoint URL (its settings). */
function ebayAnswer(r: HandshakeInput): CaptureReply | null {
  const code = r.method === 'GET' ? query(r.target).get('challenge_code') : null
  if (code === null) return null
  const { verificationToken, endpointUrl } = r.params
  if (!verificationToken || !endpointUrl)
    return text(503, 'Set verificationToken and endpointUrl (the URL eBay calls) on this endpoint to answer eBay.\n')
  const hash = createHash('sha256').update(code).update(verificationToken).update(endpointUrl).digest('hex')
  return json({ challengeResponse: hash })
}

/**
 * The answer a provider's handshake needs, or null when this request is not one (it is then answered
 * with the endpoint's reply). Everything echoed is bounded and goes back as text/plain with nosniff.
 */
export function handshakeReply(kind: Handshake, r: HandshakeInput): CaptureReply | null {
  switch (kind) {
    case 'echo-hook-secret': {
      const secret = headerValue(r.rawHeaders, 'x-hook-secret')
      return secret !== undefined && secret.length <= MAX_ECHO ? text(200, '', [['X-Hook-Secret', secret]]) : null
    }
    case 'challenge-query': {
      const challenge = r.method === 'GET' ? query(r.target).get('challenge') : null
      return challenge !== null && challenge.length <= MAX_ECHO ? text(200, challenge) : null
    }
    case 'meta-subscribe': {
      const q = query(r.target)
      if (r.method !== 'GET' || q.get('hub.mode') !== 'subscribe') return null
      const challenge = q.get('hub.challenge')
      if (challenge === null || challenge.length > MAX_ECHO) return text(400, 'No hub.challenge to answer.\n')
      const expected = r.params.verifyToken
      if (expected && q.get('hub.verify_token') !== expected)
        return text(403, 'hub.verify_token is not the endpoint setting verifyToken.\n')
      return text(200, challenge)
    }
    case 'twitter-crc': {
      const token = r.method === 'GET' ? query(r.target).get('crc_token') : null
      if (token === null) return null
      const secret = r.secret()
      if (!secret)
        return text(503, 'Hookscope has no key for this endpoint to answer the CRC with (or the vault is locked).\n')
      const response = `sha256=${createHmac('sha256', secret).update(token).digest('base64')}`
      return {
        status: 200,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Content-Type-Options', 'nosniff']
        ],
        body: JSON.stringify({ response_token: response })
      }
    }
    case 'smartcar-verify': {
      const challenge = r.method === 'POST' ? smartcarChallenge(r.body) : null
      if (challenge === null) return null
      const secret = r.secret()
      if (!secret)
        return text(503, 'Hookscope has no key for this endpoint to answer VERIFY with (or the vault is locked).\n')
      return json({ challenge: createHmac('sha256', secret).update(challenge).digest('hex') })
    }
    case 'linkedin-challenge':
      return linkedinAnswer(r)
    case 'oura-verify':
      return ouraAnswer(r)
    case 'ebay-challenge':
      return ebayAnswer(r)
    case 'invalid-401':
      return r.verdict === 'invalid' || r.verdict === 'unsigned' ? text(401, 'The signature is not valid.\n') : null
  }
}
