export interface FormField {
  name: string
  value: string
  /** The value as it appeared on the wire, before URL-decoding. */
  raw: string
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/** application/x-www-form-urlencoded → fields in order (repeated names kept). */
export function parseFormFields(text: string): FormField[] {
  if (!text) return []
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const rawName = eq < 0 ? pair : pair.slice(0, eq)
      const raw = eq < 0 ? '' : pair.slice(eq + 1)
      return { name: decode(rawName), value: decode(raw), raw }
    })
}

/** Plausibly a form body: name=value pairs of URL-safe characters. */
export function looksLikeForm(text: string): boolean {
  return /^[\w.%+*-]+=[^&\s]*(&[\w.%+*-]+=[^&\s]*)*&?$/.test(text.trim()) && text.length < 50 * 1024 * 1024
}

/** A form value as the wire form writes it: percent-encoded UTF-8 (curl's and browsers' unreserved set kept). */
export function encodeFormComponent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

/**
 * Fields back to application/x-www-form-urlencoded, in order. A field whose value was not changed keeps
 * the bytes it had (`raw`), so editing one field does not re-encode the others.
 */
export function serializeFormFields(fields: readonly FormField[]): string {
  return fields
    .map((f) => `${encodeFormComponent(f.name)}=${decode(f.raw) === f.value ? f.raw : encodeFormComponent(f.value)}`)
    .join('&')
}
