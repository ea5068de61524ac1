import { headerValue } from '../http/headers'
import { fromBase64Url, fromUtf8, toBase64, toBase64Url, toHex, utf8 } from '../bytes'
import { digestSync } from './primitives'
import type { ContentPart, SignableRequest } from './types'

type JwtPart = Extract<ContentPart, { part: 'header-jwt' }>

/** A digest of the body, encoded as the claim carries it. */
function bodyDigest(body: Uint8Array, claim: NonNullable<JwtPart['bodyClaim']>): string {
  const d = digestSync(claim.digest, new Uint8Array(0), body)
  return claim.encoding === 'hex' ? toHex(d) : toBase64(d)
}

/**
 * What a JWT carried in a header signs: its header and payload parts (FusionAuth's
 * X-FusionAuth-Signature-JWT). A JWT that binds the body (`bodyClaim`) must carry the body's digest
 * in that claim, else the content cannot be built (`reason` says why). With no such header (signing),
 * a new JWT's parts are made: `{"alg","typ":"JWT"}` and the body's digest as the claim.
 */
export function jwtSigningInput(
  req: SignableRequest,
  part: JwtPart
): { input: string } | { reason: 'body-digest-mismatch'; message: string } {
  const value = headerValue(req.headers, part.name)?.trim()
  if (value === undefined || value === '') {
    const header = toBase64Url(utf8(JSON.stringify({ alg: part.alg, typ: 'JWT' })), false)
    const claims = part.bodyClaim ? { [part.bodyClaim.claim]: bodyDigest(req.body, part.bodyClaim) } : {}
    return { input: `${header}.${toBase64Url(utf8(JSON.stringify(claims)), false)}` }
  }
  const [head = '', payload = ''] = value.split('.')
  const input = `${head}.${payload}`
  if (!part.bodyClaim) return { input }
  const { claim } = part.bodyClaim
  let claims: unknown
  try {
    claims = JSON.parse(fromUtf8(fromBase64Url(payload)))
  } catch {
    claims = null
  }
  const carried = claims && typeof claims === 'object' ? (claims as Record<string, unknown>)[claim] : undefined
  if (typeof carried !== 'string')
    return {
      reason: 'body-digest-mismatch',
      message: `The JWT in ${part.name} carries no ${claim} claim for the body.`
    }
  if (carried !== bodyDigest(req.body, part.bodyClaim))
    return {
      reason: 'body-digest-mismatch',
      message: `The JWT's ${claim} is not the body's ${part.bodyClaim.digest}: this body is not the one the JWT was made for.`
    }
  return { input }
}
