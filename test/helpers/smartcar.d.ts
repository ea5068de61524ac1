// The official `smartcar` SDK ships no typings: the two webhook helpers the oracle tests call.
declare module 'smartcar' {
  /** hex HMAC-SHA256(amt, challenge): the VERIFY answer. */
  export function hashChallenge(amt: string, challenge: string): string
  /** Whether `signature` (SC-Signature) is hex HMAC-SHA256(amt, JSON.stringify(body)). */
  export function verifyPayload(amt: string, signature: string, body: unknown): boolean
}
