// What a pasted curl command's text becomes: printf's escapes as bytes, --data's newline rule, --data-urlencode.
import { ImportError } from './types'

/** printf's escapes (the form Hookscope's "Copy as curl" uses for binary bodies): \ooo, \\, %% and the C letters. */
export function printfBytes(format: string): Uint8Array {
  const out: number[] = []
  const utf8 = new TextEncoder()
  const C: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34, "'": 39 }
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!
    if (ch === '%') {
      if (format[i + 1] !== '%')
        throw new ImportError('printf with a conversion (%s, %d…) cannot be read; only literal bytes.')
      out.push(0x25)
      i++
    } else if (ch === '\\') {
      const oct = /^[0-7]{1,3}/.exec(format.slice(i + 1))?.[0]
      if (oct) {
        out.push(parseInt(oct, 8) & 0xff)
        i += oct.length
      } else {
        const e = format[++i] ?? ''
        if (e in C) out.push(C[e]!)
        else {
          out.push(0x5c)
          for (const x of utf8.encode(e)) out.push(x)
        }
      }
    } else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else for (const x of utf8.encode(ch)) out.push(x)
  }
  return new Uint8Array(out)
}

/** Removes the newlines a file read by curl's `-d @file` would lose; here only for stdin from printf/echo. */
export function stripNewlines(b: Uint8Array): Uint8Array {
  return b.filter((x) => x !== 0x0a && x !== 0x0d)
}

export function encodeUrlencodeArg(v: string): string {
  // --data-urlencode: "content", "=content", "name=content" (name kept, content percent-encoded).
  const eq = v.indexOf('=')
  // curl keeps only A-Z a-z 0-9 - . _ ~ and writes a space as '+'.
  const enc = (s: string): string =>
    encodeURIComponent(s)
      .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, '+')
  if (eq < 0) return enc(v)
  return (eq === 0 ? '' : v.slice(0, eq) + '=') + enc(v.slice(eq + 1))
}
