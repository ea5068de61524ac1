import { fromUtf8, toHex } from '../bytes'
import { encodeSignature, formatSignatureField, formatTimestamp } from './codec'
import { buildContent } from './content'
import { isAsymmetric, KeyError, parseAsymmetricKey, secretBytes } from './keys'
import { setHeader, writeSignatureField, writeTimestamp } from './location'
import { digest, signAsymmetric } from './primitives'
import type { KeyInput, SchemeDefinition, SignableRequest, SignOptions } from './types'

export interface SignResult {
  request: SignableRequest
  signedContent: Uint8Array
  signature: string
}

/** A random delivery id (for schemes that sign one). */
export function randomId(prefix = 'msg_'): string {
  const b = new Uint8Array(12)
  globalThis.crypto.getRandomValues(b)
  return prefix + toHex(b)
}

/** Signs with the scheme as written; `sign` (variants.ts) applies the scheme's variants first. */
export async function signPlain(
  req: SignableRequest,
  key: KeyInput,
  scheme: SchemeDefinition,
  opts: SignOptions
): Promise<SignResult> {
  const ts = scheme.timestamp ? formatTimestamp(opts.now, scheme.timestamp.unit) : null
  const id = scheme.deliveryId ? (opts.id ?? randomId()) : null
  let working: SignableRequest = scheme.timestamp && ts !== null ? writeTimestamp(req, scheme.timestamp, ts) : req
  // A JWT carried in a header is made afresh for this body (never the one a captured delivery had).
  if (scheme.signature.headerJwt)
    working = {
      ...working,
      headers: working.headers.filter(([n]) => n.toLowerCase() !== scheme.signature.headerJwt!.toLowerCase())
    }
  if (scheme.deliveryId?.header && id !== null)
    working = { ...working, headers: setHeader(working.headers, scheme.deliveryId.header, id) }

  let sigBytes: Uint8Array
  let content: Uint8Array
  if (isAsymmetric(scheme.algorithm)) {
    const parsed = await parseAsymmetricKey(key, scheme)
    if (parsed.kind !== 'private') throw new KeyError(`Signing with ${scheme.name} needs a private key.`)
    content = buildContent(scheme.signedContent, working, {
      timestamp: ts,
      id,
      secret: null,
      params: opts.params ?? {}
    })
    sigBytes = await signAsymmetric(scheme.algorithm, parsed.key, content, scheme.signature.ecdsaForm)
  } else {
    const secret = secretBytes(key, scheme)
    content = buildContent(scheme.signedContent, working, { timestamp: ts, id, secret, params: opts.params ?? {} })
    sigBytes = scheme.algorithm === 'token' ? secret : await digest(scheme.algorithm, secret, content)
  }
  const encoded = encodeSignature(sigBytes, scheme.signature)
  const field = formatSignatureField(encoded, scheme.signature.format, ts, id, opts.params)
  // A JWT in a header: the signed content is its first two parts, made above.
  working = scheme.signature.headerJwt
    ? { ...working, headers: setHeader(working.headers, scheme.signature.headerJwt, `${fromUtf8(content)}.${field}`) }
    : writeSignatureField(working, scheme.signature, field)
  return { request: working, signedContent: content, signature: field }
}
