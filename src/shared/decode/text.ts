export interface ContentType {
  mime: string
  params: Record<string, string>
}

/** `application/json; charset=UTF-8` → { mime: 'application/json', params: { charset: 'UTF-8' } }. Quoted values unquoted. */
export function parseContentType(value: string | null | undefined): ContentType {
  if (!value) return { mime: '', params: {} }
  const [type, ...rest] = value.split(';')
  const params: Record<string, string> = {}
  for (const p of rest) {
    const eq = p.indexOf('=')
    if (eq < 0) continue
    const k = p.slice(0, eq).trim().toLowerCase()
    let v = p.slice(eq + 1).trim()
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1')
    params[k] = v
  }
  return { mime: type!.trim().toLowerCase(), params }
}

export interface DecodedText {
  text: string | null
  charset: string
  /** The bytes were declared or assumed UTF-8 but are not valid UTF-8. */
  invalid: boolean
}

/** Decodes with the declared charset (UTF-8 by default); invalid UTF-8 is reported, not replaced. */
export function decodeText(bytes: Uint8Array, charset = 'utf-8'): DecodedText {
  const label = charset.toLowerCase()
  let strict: TextDecoder
  try {
    strict = new TextDecoder(label, { fatal: true })
  } catch {
    return { text: null, charset: label, invalid: true }
  }
  try {
    return { text: strict.decode(bytes), charset: strict.encoding, invalid: false }
  } catch {
    return { text: null, charset: strict.encoding, invalid: true }
  }
}

/** Looks like binary: NUL bytes or many control characters in the first 4 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096)
  let ctl = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (b === 0) return true
    if (b < 0x09 || (b > 0x0d && b < 0x20)) ctl++
  }
  return n > 0 && ctl / n > 0.1
}
