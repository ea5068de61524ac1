import { X509Certificate } from 'node:crypto'
import type { CertificateFetch, SubscriptionConfirmed } from '@shared/api/contract'
import { HookscopeError } from '@shared/errors'
import { certificateUrl, signableOf, subscribeUrl, type SchemeDefinition } from '@shared/signatures'
import type { CaptureOps } from '../store'
import type { Vault } from '../vault'

/** A signing certificate could not be fetched or used; the message says why. */
export class CertificateError extends HookscopeError {
  constructor(message: string) {
    super('certificate', message)
  }
}

/** What a download gives back (the default goes through fetch; tests give their own). */
export type Download = (url: string) => Promise<{ status: number; body: Uint8Array }>

export interface CertificateDeps {
  captures: Pick<CaptureOps, 'get'>
  vault: Vault
  resolveScheme: (id: string) => SchemeDefinition | undefined
  now: () => number
  download?: Download
}

/** Certificates are small; anything bigger is not one. */
const MAX_CERTIFICATE = 64 * 1024
const TIMEOUT_MS = 10_000

/** https GET, no redirects (a redirect could leave the pinned host), bounded in time and size. */
export const httpsDownload: Download = async (url) => {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) })
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = res.body?.getReader()
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    size += r.value.length
    if (size > MAX_CERTIFICATE) {
      await reader!.cancel()
      throw new CertificateError(`${url} sent more than ${MAX_CERTIFICATE / 1024} KiB: not a certificate.`)
    }
    chunks.push(r.value)
  }
  return { status: res.status, body: Buffer.concat(chunks) }
}

/** The key's name: says where it came from (the URL, cut to fit a key name). */
const keyName = (scheme: SchemeDefinition, url: string): string => `${scheme.name} certificate ${url}`.slice(0, 200)

/**
 * Fetches the certificate a capture names (PayPal's PAYPAL-CERT-URL, SNS's SigningCertURL) on the
 * user's request: the URL must be https on a host the scheme pins (checked before any request); the
 * answer must be a certificate valid now. It is kept in Keys (public material), so the next capture
 * signed with it needs no fetch. The trust is the pinned host over TLS, as the providers' own
 * validators do it; the certificate chain itself is not checked.
 */
export async function fetchCertificate(
  deps: CertificateDeps,
  input: { id: number; scheme: string }
): Promise<CertificateFetch> {
  const { scheme, capture } = await schemeAndCapture(deps, input)
  if (!scheme.certificate)
    throw new CertificateError(`${scheme.name} names no certificate to fetch: its key is given, not fetched.`)
  const where = certificateUrl(signableOf(capture), scheme)!
  if ('error' in where) throw new CertificateError(where.error)
  const name = keyName(scheme, where.url)
  const known = deps.vault.list().find((k) => k.name === name)
  if (known) return { key: known, url: where.url, ...describe(null), cached: true }
  let got: { status: number; body: Uint8Array }
  try {
    got = await (deps.download ?? httpsDownload)(where.url)
  } catch (e) {
    if (e instanceof CertificateError) throw e
    throw new CertificateError(`Could not fetch ${where.url}: ${(e as Error).message}.`)
  }
  if (got.status !== 200) throw new CertificateError(`${where.url} answered ${got.status}, not a certificate.`)
  const cert = parse(got.body, where.url)
  const now = deps.now()
  if (Date.parse(cert.validTo) < now)
    throw new CertificateError(`The certificate at ${where.url} expired on ${iso(cert.validTo)}.`)
  if (Date.parse(cert.validFrom) > now)
    throw new CertificateError(`The certificate at ${where.url} is not valid before ${iso(cert.validFrom)}.`)
  const pem = cert.toString()
  const key = deps.vault.findSame(pem) ?? deps.vault.importKey(name, pem)
  return { key, url: where.url, ...describe(cert), cached: false }
}

function parse(body: Uint8Array, url: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(body))
  } catch {
    throw new CertificateError(`What ${url} sent is not an X.509 certificate (PEM or DER).`)
  }
}

const iso = (date: string): string => new Date(date).toISOString().slice(0, 10)

function describe(cert: X509Certificate | null): { subject: string | null; validTo: string | null } {
  return cert
    ? { subject: cert.subject.replace(/\n/g, ', '), validTo: iso(cert.validTo) }
    : { subject: null, validTo: null }
}

/**
 * Confirms an Amazon SNS subscription on the user's request: visits the SubscribeURL of a captured
 * SubscriptionConfirmation (https, on the hosts the scheme pins — checked before any request) and says
 * what SNS answered. Check the delivery's signature first: anyone can subscribe an endpoint to a topic.
 */
export async function confirmSubscription(
  deps: CertificateDeps,
  input: { id: number; scheme: string }
): Promise<SubscriptionConfirmed> {
  const { scheme, capture } = await schemeAndCapture(deps, input)
  const where = subscribeUrl(signableOf(capture), scheme)
  if (!where) throw new CertificateError(`Capture ${input.id} is not a SubscriptionConfirmation (${scheme.name}).`)
  if ('error' in where) throw new CertificateError(where.error)
  let got: { status: number; body: Uint8Array }
  try {
    got = await (deps.download ?? httpsDownload)(where.url)
  } catch (e) {
    throw new CertificateError(`Could not reach ${where.url}: ${(e as Error).message}.`)
  }
  const text = new TextDecoder().decode(got.body)
  if (got.status !== 200)
    throw new CertificateError(
      `${new URL(where.url).hostname} answered ${got.status}: the subscription is not confirmed.`
    )
  const arn = /<SubscriptionArn>([^<]{1,512})<\/SubscriptionArn>/.exec(text)?.[1] ?? null
  return { url: where.url, subscriptionArn: arn }
}

/** The scheme and the stored capture a request names, or a clear error. */
async function schemeAndCapture(deps: CertificateDeps, input: { id: number; scheme: string }) {
  const scheme = deps.resolveScheme(input.scheme)
  if (!scheme) throw new CertificateError(`Unknown scheme "${input.scheme}".`)
  const capture = await deps.captures.get(input.id)
  if (!capture) throw new CertificateError(`Capture ${input.id} is gone.`)
  return { scheme, capture }
}
