const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(256).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

// Native base64 (Chromium 140+, future Node) when present: several times faster on megabyte bodies.
interface NativeBase64 {
  fromBase64?: (s: string) => Uint8Array
}
interface NativeToBase64 {
  toBase64?: () => string
}
const native = Uint8Array as unknown as NativeBase64

/** Standard base64 with padding; pure so it runs the same in Node and the browser. */
export function bytesToBase64(bytes: Uint8Array): string {
  const own = (bytes as unknown as NativeToBase64).toBase64
  if (typeof own === 'function') return own.call(bytes)
  let out = ''
  const chunk: string[] = []
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    chunk.push(ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!)
    if (chunk.length === 8192) {
      out += chunk.join('')
      chunk.length = 0
    }
  }
  out += chunk.join('')
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '=='
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '='
  }
  return out
}

export function base64ToBytes(text: string): Uint8Array {
  if (typeof native.fromBase64 === 'function') {
    try {
      return native.fromBase64(text)
    } catch {
      throw new Error('invalid base64')
    }
  }
  const clean = text.replace(/=+$/, '')
  if (clean.length % 4 === 1) throw new Error('invalid base64: bad length')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < clean.length; i++) {
    const v = LOOKUP[clean.charCodeAt(i)] ?? -1
    if (v < 0) throw new Error(`invalid base64: unexpected character at ${i}`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}

const enc = new TextEncoder()
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

export const utf8 = (s: string): Uint8Array => enc.encode(s)
/** Stateless between calls (never streamed), so one serves every call. */
const UTF8 = new TextDecoder()
export const fromUtf8 = (b: Uint8Array): string => UTF8.decode(b)

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  // A single part (the body, for most schemes) is used as is: no copy of a large body.
  if (parts.length === 1) return parts[0]!
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

export function toHex(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!]
  return s
}

export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error('not hex')
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16)
  return out
}

export const toBase64 = bytesToBase64

export function fromBase64(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('not base64')
  return base64ToBytes(s)
}

export function toBase64Url(b: Uint8Array, pad = true): string {
  const s = bytesToBase64(b).replace(/\+/g, '-').replace(/\//g, '_')
  return pad ? s : s.replace(/=+$/, '')
}

export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) throw new Error('not base64url')
  return base64ToBytes(s.replace(/-/g, '+').replace(/_/g, '/'))
}

/**
 * Compares in time that depends only on the lengths. Works on views: reads through
 * `byteOffset`/`length`, never the whole underlying buffer.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** Shows bytes as a readable literal: printable ASCII as is, the rest escaped (\n, \r, \t, \xNN). */
export function escapeBytes(b: Uint8Array, limit = 4096): string {
  let s = ''
  const end = Math.min(b.length, limit)
  for (let i = 0; i < end; i++) {
    const c = b[i]!
    if (c === 0x0a) s += '\\n'
    else if (c === 0x0d) s += '\\r'
    else if (c === 0x09) s += '\\t'
    else if (c === 0x5c) s += '\\\\'
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c)
    else s += '\\x' + HEX[c]
  }
  if (b.length > end) s += `… (${b.length - end} more bytes)`
  return s
}

/** Percent-encoding as DingTalk's Java URLEncoder produces it for base64 output (+ / = encoded). */
export function urlEncode(s: string): string {
  return encodeURIComponent(s)
}

export function urlDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '))
}
