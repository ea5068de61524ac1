// Just enough DER to move keys between the forms providers publish and the forms WebCrypto imports.

export interface DerNode {
  tag: number
  /** Offset of the whole element (tag byte) and of its contents. */
  start: number
  contentStart: number
  end: number
}

export function readNode(buf: Uint8Array, at: number): DerNode {
  const tag = buf[at]
  if (tag === undefined) throw new Error('DER: unexpected end')
  let len = buf[at + 1]
  if (len === undefined) throw new Error('DER: unexpected end')
  let p = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4) throw new Error('DER: unsupported length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!
  }
  const end = p + len
  if (end > buf.length) throw new Error('DER: length beyond data')
  return { tag, start: at, contentStart: p, end }
}

export function children(buf: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = []
  for (let p = node.contentStart; p < node.end;) {
    const c = readNode(buf, p)
    out.push(c)
    p = c.end
  }
  return out
}

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n)
  const bytes: number[] = []
  while (n > 0) {
    bytes.unshift(n & 0xff)
    n = Math.floor(n / 256)
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes)
}

export function encode(tag: number, content: Uint8Array): Uint8Array {
  const len = encodeLength(content.length)
  const out = new Uint8Array(1 + len.length + content.length)
  out[0] = tag
  out.set(len, 1)
  out.set(content, 1 + len.length)
  return out
}

const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

// AlgorithmIdentifier { rsaEncryption, NULL }
const RSA_ALG_ID = Uint8Array.of(
  0x30,
  0x0d,
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
  0x05,
  0x00
)

/** PKCS#1 RSAPublicKey → SubjectPublicKeyInfo. */
export function rsaPublicPkcs1ToSpki(pkcs1: Uint8Array): Uint8Array {
  return encode(0x30, cat(RSA_ALG_ID, encode(0x03, cat(Uint8Array.of(0), pkcs1))))
}

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo. */
export function rsaPrivatePkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  return encode(0x30, cat(Uint8Array.of(0x02, 0x01, 0x00), RSA_ALG_ID, encode(0x04, pkcs1)))
}

/** X.509 Certificate → its SubjectPublicKeyInfo (the 7th field of TBSCertificate, after an optional [0] version). */
export function certificateToSpki(cert: Uint8Array): Uint8Array {
  const top = readNode(cert, 0)
  const tbs = children(cert, top)[0]
  if (!tbs) throw new Error('certificate: no TBSCertificate')
  const fields = children(cert, tbs)
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0
  const spki = fields[offset + 5]
  if (!spki || spki.tag !== 0x30) throw new Error('certificate: no subjectPublicKeyInfo')
  return cert.slice(spki.start, spki.end)
}

/** ECDSA signature DER SEQUENCE { r, s } → raw r||s of `size` bytes each (what WebCrypto verifies). */
export function ecdsaDerToRaw(der: Uint8Array, size = 32): Uint8Array {
  const seq = readNode(der, 0)
  if (seq.tag !== 0x30 || seq.end !== der.length) throw new Error('ECDSA: not a DER signature')
  const [r, s] = children(der, seq)
  if (!r || !s || r.tag !== 0x02 || s.tag !== 0x02) throw new Error('ECDSA: not a DER signature')
  const out = new Uint8Array(size * 2)
  const put = (n: DerNode, at: number): void => {
    let v = der.subarray(n.contentStart, n.end)
    while (v.length > size && v[0] === 0) v = v.subarray(1)
    if (v.length > size) throw new Error('ECDSA: integer too long')
    out.set(v, at + size - v.length)
  }
  put(r, 0)
  put(s, size)
  return out
}

export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const size = raw.length / 2
  const int = (v: Uint8Array): Uint8Array => {
    let i = 0
    while (i < v.length - 1 && v[i] === 0) i++
    let b = v.subarray(i)
    if (b[0]! & 0x80) b = cat(Uint8Array.of(0), b)
    return encode(0x02, b)
  }
  return encode(0x30, cat(int(raw.subarray(0, size)), int(raw.subarray(size))))
}
