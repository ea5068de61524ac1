/**
 * Keeps stored secrets inside the host: every value that leaves it for the UI, the history or
 * an export after a stored secret was used passes through here, and each form in which the
 * secret can appear (as stored, trimmed, URL- or form-encoded) is replaced by one fixed ASCII
 * placeholder that names the key by its fingerprint and says how many bytes it stands for —
 * `[secret ab12 cd34 ef56 0789: 32 bytes]` — so a byte view never garbles it and a count can be
 * read through it. Public keys are not secrets and are not masked.
 */
export interface MaskedSecret {
  material: string
  fingerprint: string
}

const MIN_SECRET = 4

function forms(secret: string): string[] {
  const t = secret.trim()
  const all = [secret, t, encodeURIComponent(t), encodeURIComponent(t).replace(/%20/g, '+')]
  // Longest first, so a form that contains another is replaced whole.
  return [...new Set(all)].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length)
}

/** The placeholder a masked secret is shown as. */
export const maskOf = (fingerprint: string, bytes: number): string =>
  `[secret ${fingerprint}: ${bytes} byte${bytes === 1 ? '' : 's'}]`

export class SecretMask {
  private readonly pairs: { form: string; bytes: Uint8Array; mask: string; maskBytes: Uint8Array }[] = []

  constructor(secrets: readonly MaskedSecret[]) {
    const enc = new TextEncoder()
    for (const s of secrets) {
      for (const form of forms(s.material)) {
        const bytes = enc.encode(form)
        const mask = maskOf(s.fingerprint, bytes.length)
        this.pairs.push({ form, bytes, mask, maskBytes: enc.encode(mask) })
      }
    }
    this.pairs.sort((a, b) => b.form.length - a.form.length)
  }

  get empty(): boolean {
    return this.pairs.length === 0
  }

  text(s: string): string {
    let out = s
    for (const p of this.pairs) if (out.includes(p.form)) out = out.split(p.form).join(p.mask)
    return out
  }

  bytes(b: Uint8Array): Uint8Array {
    let out = b
    for (const p of this.pairs) out = replaceBytes(out, p.bytes, p.maskBytes)
    return out
  }

  /** A copy of `value` with every string and byte array masked (plain objects and arrays walked). */
  deep<T>(value: T): T {
    if (this.empty) return value
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.text(v)
      if (v instanceof Uint8Array) return this.bytes(v)
      if (Array.isArray(v)) return v.map(walk)
      if (v && typeof v === 'object') {
        const proto = Object.getPrototypeOf(v) as unknown
        if (proto !== Object.prototype && proto !== null) return v
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
      }
      return v
    }
    return walk(value) as T
  }
}

function replaceBytes(hay: Uint8Array, needle: Uint8Array, by: Uint8Array): Uint8Array {
  const hits: number[] = []
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    hits.push(i)
    i += needle.length - 1
  }
  if (hits.length === 0) return hay
  const out = new Uint8Array(hay.length + hits.length * (by.length - needle.length))
  let from = 0
  let to = 0
  for (const h of hits) {
    out.set(hay.subarray(from, h), to)
    to += h - from
    out.set(by, to)
    to += by.length
    from = h + needle.length
  }
  out.set(hay.subarray(from), to)
  return out
}
