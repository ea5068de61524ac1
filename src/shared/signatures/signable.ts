import { addressedUrl, type HttpRequest } from '../model/http'
import type { SignableRequest } from './types'

/** A request as the signature engine reads it: the URL it was addressed to (or `url`), its headers and bytes. */
export function signableOf(r: HttpRequest, url: string = addressedUrl(r)): SignableRequest {
  return { method: r.method, url, headers: r.rawHeaders, body: r.body }
}
