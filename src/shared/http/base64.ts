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
