import type { ContentPart, SchemeDefinition } from '@shared/signatures/types'

export type Language = 'node' | 'python' | 'go' | 'java' | 'php'
export const LANGUAGES: Language[] = ['node', 'python', 'go', 'java', 'php']

export interface Snippet {
  language: Language
  code: string
}

/** Why a scheme cannot be turned into a snippet (the receiver code covers the common shapes). */
export class CodegenUnsupported extends Error {}

const HASH: Record<string, { node: string; py: string; go: string; java: string; php: string }> = {
  'hmac-sha1': { node: 'sha1', py: 'sha1', go: 'sha1.New', java: 'HmacSHA1', php: 'sha1' },
  'hmac-sha256': { node: 'sha256', py: 'sha256', go: 'sha256.New', java: 'HmacSHA256', php: 'sha256' },
  'hmac-sha512': { node: 'sha512', py: 'sha512', go: 'sha512.New', java: 'HmacSHA512', php: 'sha512' }
}

type Piece =
  | { kind: 'lit'; text: string }
  | { kind: 'body' }
  | { kind: 'header'; name: string }
  | { kind: 'ts' }
  | { kind: 'id' }
  | { kind: 'secret' }
  | { kind: 'method' }
  | { kind: 'url' }

function pieces(parts: ContentPart[]): Piece[] {
  return parts.map((p) => {
    if ('literal' in p) return { kind: 'lit', text: p.literal }
    if (!('part' in p)) throw new CodegenUnsupported('encoded, sorted or alternative content parts')
    switch (p.part) {
      case 'body':
        return { kind: 'body' }
      case 'header':
        return { kind: 'header', name: p.name }
      case 'timestamp':
        return { kind: 'ts' }
      case 'id':
        return { kind: 'id' }
      case 'secret':
        return { kind: 'secret' }
      case 'method':
        return { kind: 'method' }
      case 'url':
        return { kind: 'url' }
      default:
        throw new CodegenUnsupported(`the "${p.part}" content part`)
    }
  })
}

interface Plan {
  hash: (typeof HASH)[string]
  content: Piece[]
  header: string
  /** How to get the signature text(s) from the header value. */
  format: SchemeDefinition['signature']['format']
  encoding: 'hex' | 'base64' | 'base64url'
  urlEncoded: boolean
  keyForm: 'utf8' | 'base64' | 'hex'
  keyPrefix: string
  tsHeader: string | null
  tsFromSignature: boolean
  idHeader: string | null
  tolerance: number | null
}

function plan(s: SchemeDefinition): Plan {
  const hash = HASH[s.algorithm]
  if (!hash) throw new CodegenUnsupported(`${s.algorithm} (receiver code covers HMAC schemes; verify RSA/ECDSA/Ed25519 with your platform's crypto library)`)
  if (!s.signature.header) throw new CodegenUnsupported('signatures outside a header')
  if (s.key.form !== 'utf8' && s.key.form !== 'base64' && s.key.form !== 'hex') throw new CodegenUnsupported(`key form ${s.key.form}`)
  const enc = s.signature.encoding
  if (enc === 'utf8') throw new CodegenUnsupported('plain token comparison')
  const t = s.timestamp
  if (t && !t.header && !t.fromSignature) throw new CodegenUnsupported('timestamps outside a header')
  return {
    hash,
    content: pieces(s.signedContent),
    header: s.signature.header,
    format: s.signature.format,
    encoding: enc.startsWith('hex') ? 'hex' : enc.startsWith('base64url') ? 'base64url' : 'base64',
    urlEncoded: s.signature.urlEncoded === true,
    keyForm: s.key.form,
    keyPrefix: s.key.prefix ?? '',
    tsHeader: t?.header ?? null,
    tsFromSignature: t?.fromSignature === true,
    idHeader: s.deliveryId?.header ?? null,
    tolerance: t?.toleranceSec ?? null
  }
}

const q = (s: string): string => JSON.stringify(s)

function node(s: SchemeDefinition, p: Plan): string {
  const parts = p.content.map((c) =>
    c.kind === 'lit'
      ? `Buffer.from(${q(c.text)})`
      : c.kind === 'body'
        ? 'rawBody'
        : c.kind === 'header'
          ? `Buffer.from(header(${q(c.name)}) ?? '')`
          : c.kind === 'ts'
            ? 'Buffer.from(ts)'
            : c.kind === 'id'
              ? `Buffer.from(header(${q(p.idHeader!)}) ?? '')`
              : c.kind === 'secret'
                ? 'key'
                : c.kind === 'method'
                  ? 'Buffer.from(method)'
                  : 'Buffer.from(url)'
  )
  const f = p.format
  const extract =
    f.kind === 'plain'
      ? 'const candidates = [value.trim()]'
      : f.kind === 'prefixed'
        ? `const candidates = value.startsWith(${q(f.prefix)}) ? [value.slice(${f.prefix.length})] : []`
        : f.kind === 'list'
          ? `const candidates = value.split(${q(f.separator)}).map((x) => x.trim())${f.itemPrefix ? `.filter((x) => x.startsWith(${q(f.itemPrefix)})).map((x) => x.slice(${f.itemPrefix.length}))` : ''}`
          : `const pairs = value.split(${q(f.pairSeparator)}).map((x) => x.trim().split(${q(f.kvSeparator)}))
  const candidates = pairs.filter(([k]) => k === ${q(f.signatureKey)}).map(([, v]) => v)${f.timestampKey ? `\n  const tsFromHeader = pairs.find(([k]) => k === ${q(f.timestampKey)})?.[1]` : ''}`
  const tsLine = p.tsFromSignature ? 'const ts = tsFromHeader' : p.tsHeader ? `const ts = header(${q(p.tsHeader)})` : 'const ts = undefined'
  const keyLine =
    p.keyForm === 'utf8'
      ? 'const key = Buffer.from(secret, "utf8")'
      : `const key = Buffer.from(secret.startsWith(${q(p.keyPrefix)}) ? secret.slice(${p.keyPrefix.length}) : secret, ${q(p.keyForm)})`
  const check =
    p.tolerance !== null
      ? `\n  if (Math.abs(nowMs - ${s.timestamp!.unit === 'ms' ? 'Number(ts)' : s.timestamp!.unit === 's' ? 'Number(ts) * 1000' : 'Date.parse(ts)'}) > ${p.tolerance * 1000}) return false`
      : ''
  const decode = p.urlEncoded ? '(c) => Buffer.from(decodeURIComponent(c), ' + q(p.encoding) + ')' : '(c) => Buffer.from(c, ' + q(p.encoding) + ')'
  return `// ${s.name} webhook verification — generated by Hookscope from the "${s.id}" scheme.
// ${s.description}
import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * headers: [name, value][] as received; rawBody: the exact body bytes (Buffer) — never a
 * re-serialised JSON object; secret: your ${s.name} secret.
 */
export function verify${pascal(s.id)}(method, url, headers, rawBody, secret, nowMs = Date.now()) {
  const header = (name) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]
  const value = header(${q(p.header)})
  if (value === undefined) return false
  ${extract}
  ${tsLine}${p.tsHeader || p.tsFromSignature ? '\n  if (ts === undefined) return false' : ''}${check}
  ${keyLine}
  const content = Buffer.concat([${parts.join(', ')}])
  const expected = createHmac(${q(p.hash.node)}, key).update(content).digest()
  return candidates.some((c) => {
    const got = (${decode})(c)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}
`
}

function python(s: SchemeDefinition, p: Plan): string {
  const parts = p.content.map((c) =>
    c.kind === 'lit'
      ? `${q(c.text)}.encode()`
      : c.kind === 'body'
        ? 'raw_body'
        : c.kind === 'header'
          ? `(header(${q(c.name)}) or "").encode()`
          : c.kind === 'ts'
            ? 'ts.encode()'
            : c.kind === 'id'
              ? `(header(${q(p.idHeader!)}) or "").encode()`
              : c.kind === 'secret'
                ? 'key'
                : c.kind === 'method'
                  ? 'method.encode()'
                  : 'url.encode()'
  )
  const f = p.format
  const extract =
    f.kind === 'plain'
      ? 'candidates = [value.strip()]'
      : f.kind === 'prefixed'
        ? `candidates = [value[${f.prefix.length}:]] if value.startswith(${q(f.prefix)}) else []`
        : f.kind === 'list'
          ? `candidates = [x.strip() for x in value.split(${q(f.separator)})]${f.itemPrefix ? `\n    candidates = [x[${f.itemPrefix.length}:] for x in candidates if x.startswith(${q(f.itemPrefix)})]` : ''}`
          : `pairs = [x.strip().split(${q(f.kvSeparator)}, 1) for x in value.split(${q(f.pairSeparator)})]
    candidates = [kv[1] for kv in pairs if len(kv) == 2 and kv[0] == ${q(f.signatureKey)}]${f.timestampKey ? `\n    ts_from_header = next((kv[1] for kv in pairs if len(kv) == 2 and kv[0] == ${q(f.timestampKey)}), None)` : ''}`
  const tsLine = p.tsFromSignature ? 'ts = ts_from_header' : p.tsHeader ? `ts = header(${q(p.tsHeader)})` : 'ts = None'
  const keyLine =
    p.keyForm === 'utf8'
      ? 'key = secret.encode()'
      : `raw_secret = secret[${p.keyPrefix.length}:] if secret.startswith(${q(p.keyPrefix)}) else secret\n    key = ${p.keyForm === 'base64' ? 'base64.b64decode(raw_secret)' : 'bytes.fromhex(raw_secret)'}`
  const tsMs =
    s.timestamp?.unit === 'ms'
      ? 'int(ts)'
      : s.timestamp?.unit === 's'
        ? 'int(ts) * 1000'
        : 'datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp() * 1000'
  const check = p.tolerance !== null ? `\n    if abs(now_ms - ${tsMs}) > ${p.tolerance * 1000}:\n        return False` : ''
  const dec = (v: string): string =>
    p.encoding === 'hex'
      ? `bytes.fromhex(${v})`
      : p.encoding === 'base64url'
        ? `base64.urlsafe_b64decode(${v} + "=" * (-len(${v}) % 4))`
        : `base64.b64decode(${v})`
  return `# ${s.name} webhook verification — generated by Hookscope from the "${s.id}" scheme.
# ${s.description}
import base64
import hashlib
import hmac
import time
from datetime import datetime
from urllib.parse import unquote


def verify_${s.id.replace(/-/g, '_')}(method, url, headers, raw_body, secret, now_ms=None):
    """headers: list of (name, value) as received; raw_body: the exact body bytes."""
    now_ms = now_ms if now_ms is not None else time.time() * 1000

    def header(name):
        return next((v for n, v in headers if n.lower() == name.lower()), None)

    value = header(${q(p.header)})
    if value is None:
        return False
    ${extract}
    ${tsLine}${p.tsHeader || p.tsFromSignature ? '\n    if ts is None:\n        return False' : ''}${check}
    ${keyLine}
    content = b"".join([${parts.join(', ')}])
    expected = hmac.new(key, content, hashlib.${p.hash.py}).digest()
    for c in candidates:
        try:
            got = ${dec(p.urlEncoded ? 'unquote(c)' : 'c')}
        except ValueError:
            continue
        if hmac.compare_digest(got, expected):
            return True
    return False
`
}

function pascal(id: string): string {
  return id
    .split(/[-_]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
}

/** Go, Java and PHP follow the same plan; they are generated, not executed in Hookscope's tests. */
function other(lang: 'go' | 'java' | 'php', s: SchemeDefinition, p: Plan): string {
  const content = p.content
    .map((c) =>
      c.kind === 'lit'
        ? `literal ${q(c.text)}`
        : c.kind === 'body'
          ? 'raw body bytes'
          : c.kind === 'header'
            ? `header ${c.name}`
            : c.kind === 'ts'
              ? 'timestamp'
              : c.kind === 'id'
                ? `header ${p.idHeader}`
                : c.kind === 'secret'
                  ? 'the secret'
                  : c.kind
    )
    .join(' + ')
  const enc = p.encoding
  if (lang === 'go') {
    return `// ${s.name} — generated by Hookscope from "${s.id}". Signed content: ${content}.
package webhooks

import (
	"crypto/hmac"
	"crypto/${p.hash.go.split('.')[0]}"
	"encoding/${enc === 'hex' ? 'hex' : 'base64'}"
)

// Verify${pascal(s.id)} checks one signature value (already taken out of the ${p.header} header${p.format.kind !== 'plain' ? ', format: ' + p.format.kind : ''}).
func Verify${pascal(s.id)}(content, key []byte, signature string) bool {
	mac := hmac.New(${p.hash.go}, key)
	mac.Write(content)
	got, err := ${enc === 'hex' ? 'hex.DecodeString(signature)' : enc === 'base64url' ? 'base64.RawURLEncoding.DecodeString(signature)' : 'base64.StdEncoding.DecodeString(signature)'}
	return err == nil && hmac.Equal(got, mac.Sum(nil))
}
`
  }
  if (lang === 'java') {
    return `// ${s.name} — generated by Hookscope from "${s.id}". Signed content: ${content}.
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;

public final class ${pascal(s.id)}Verifier {
  /** signature: the value taken out of the ${p.header} header${p.format.kind !== 'plain' ? ' (' + p.format.kind + ' format)' : ''}. */
  public static boolean verify(byte[] content, byte[] key, String signature) throws Exception {
    Mac mac = Mac.getInstance("${p.hash.java}");
    mac.init(new SecretKeySpec(key, "${p.hash.java}"));
    byte[] expected = mac.doFinal(content);
    byte[] got = ${enc === 'hex' ? 'java.util.HexFormat.of().parseHex(signature)' : enc === 'base64url' ? 'java.util.Base64.getUrlDecoder().decode(signature)' : 'java.util.Base64.getDecoder().decode(signature)'};
    return MessageDigest.isEqual(expected, got);
  }
}
`
  }
  return `<?php
// ${s.name} — generated by Hookscope from "${s.id}". Signed content: ${content}.
// $signature: the value taken out of the ${p.header} header${p.format.kind !== 'plain' ? ' (' + p.format.kind + ' format)' : ''}.
function verify_${s.id.replace(/-/g, '_')}(string $content, string $key, string $signature): bool {
    $expected = hash_hmac('${p.hash.php}', $content, $key, true);
    $got = ${enc === 'hex' ? 'hex2bin($signature)' : enc === 'base64url' ? "base64_decode(strtr($signature, '-_', '+/'))" : 'base64_decode($signature, true)'};
    return $got !== false && hash_equals($expected, $got);
}
`
}

/** Receiver code for a scheme in each language; throws CodegenUnsupported for shapes it does not cover. */
export function receiverCode(s: SchemeDefinition, language: Language): Snippet {
  const p = plan(s)
  const code = language === 'node' ? node(s, p) : language === 'python' ? python(s, p) : other(language, s, p)
  return { language, code }
}
