/** Headers exactly as they crossed the wire: order, case and duplicates preserved. */
export type RawHeaders = [name: string, value: string][]

/**
 * One HTTP request as Hookscope holds it everywhere: a capture, an imported delivery, a composed
 * request before it goes out, a side of a diff. The target is as sent (origin form, or absolute
 * form when a proxy-style client wrote one); the body is its exact bytes.
 */
export interface HttpRequest {
  method: string
  target: string
  rawHeaders: RawHeaders
  body: Uint8Array
}

/** The URL the sender addressed: an absolute-form target as written, else https:// + Host + target. */
export function addressedUrl(r: Pick<HttpRequest, 'target' | 'rawHeaders'>): string {
  if (/^https?:\/\//i.test(r.target)) return r.target
  const host = r.rawHeaders.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? 'localhost'
  return `https://${host}${r.target}`
}
