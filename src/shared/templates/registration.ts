/** Registration calls filled from one of the user's endpoints (templates.ts holds the calls themselves). */

/**
 * A provider API call that registers a receiving URL (TikiNOW register-webhooks, TruBit create
 * webhook). It is filled from an endpoint the user picks: the endpoint's URL (public when a tunnel
 * is up) at each of `urls`, the secret bound to it at each of `secrets`; it goes to the provider's API
 * (the scheme's `apiBase`). Nothing is created behind the user's back.
 */
export interface Registration {
  /** The scheme of the deliveries it registers: its endpoints are offered, its apiBase is where the call goes. */
  scheme: string
  /** JSON body paths that get the endpoint's URL, each with what follows it (TikiNOW: one URL per kind). */
  urls: { path: string[]; suffix: string }[]
  /** JSON body paths that get the endpoint's bound secret (TikiNOW's 32-character secret_key). */
  secrets?: string[][]
}

/** Where a registration call goes when the scheme names no API host: the user fills it in. */
export const API_PLACEHOLDER = 'https://provider-api.invalid'

/**
 * A registration template filled for one endpoint: the call's URL on the provider's API, and its body
 * with the endpoint's URL (plus each suffix) and its secret written at their JSON paths. Without a
 * secret the placeholder stays, so nothing unsigned-for goes out by mistake.
 */
export function fillRegistration(
  t: { path: string; body: string; registers?: Registration },
  fill: { apiBase: string | null; endpointUrl: string; secret: string | null }
): { url: string; body: string } {
  const r = t.registers
  if (!r) return { url: (fill.apiBase ?? API_PLACEHOLDER) + t.path, body: t.body }
  const doc = JSON.parse(t.body) as Record<string, unknown>
  const put = (path: string[], value: string): void => {
    let at = doc
    for (const p of path.slice(0, -1)) at = at[p] as Record<string, unknown>
    at[path[path.length - 1]!] = value
  }
  const base = fill.endpointUrl.replace(/\/+$/, '')
  for (const u of r.urls) put(u.path, base + u.suffix)
  if (fill.secret !== null) for (const p of r.secrets ?? []) put(p, fill.secret)
  return { url: (fill.apiBase ?? API_PLACEHOLDER).replace(/\/+$/, '') + t.path, body: JSON.stringify(doc, null, 2) }
}
