import { all, asymmetric, pascal, q, snake, usesJson, type Piece, type Plan } from './plan'
import { helpers } from './python-helpers'

const py = (v: unknown): string => (typeof v === 'boolean' ? (v ? 'True' : 'False') : JSON.stringify(v))

function piece(x: Piece, p: Plan): string {
  switch (x.kind) {
    case 'lit':
      return `${q(x.text)}.encode()`
    case 'body':
      return 'req["raw_body"]'
    case 'header':
      return `_required(_header(req["headers"], ${q(x.name)})).encode()`
    case 'ts':
      return 'ts.encode()'
    case 'id':
      return `_required(_header(req["headers"], ${q(p.idHeader ?? '')})).encode()`
    case 'secret':
      return 'key'
    case 'method':
      return 'req["method"].upper().encode()'
    case 'url':
      return 'req["url"].encode()'
    case 'path':
      return '_request_path(req["url"]).encode()'
    case 'query':
      return `_required(_query_param(req["url"], ${q(x.name)})).encode()`
    case 'form-field':
      return `_required(next((v for k, v in _form_pairs(req["raw_body"]) if k == ${q(x.name)}), None)).encode()`
    case 'json-fields':
      return `${q(x.separator)}.join(_scalar(_json_path(item, p)) for p in ${JSON.stringify(x.paths)}).encode()`
    case 'form-sorted': {
      const call =
        `_form_sorted(req["raw_body"], ${q(x.kvJoin)}, ${q(x.pairJoin)}, ` +
        `${JSON.stringify(x.exclude)}, ${py(x.skipEmpty)}, ${py(x.sortedUnique)})`
      return p.bodyDigestQuery ? `(b"" if digest_mode else ${call}.encode())` : `${call}.encode()`
    }
  }
}

function matches(p: Plan): string {
  const hash = p.hash?.toUpperCase() ?? ''
  switch (p.family) {
    case 'hmac':
      return `return hmac.compare_digest(sig, hmac.new(key, content, hashlib.${p.hash}).digest())`
    case 'hash':
      return `return hmac.compare_digest(sig, hashlib.${p.hash}(content).digest())`
    case 'rsa-pkcs1':
      return `return _verified(lambda: key.verify(sig, content, padding.PKCS1v15(), hashes.${hash}()))`
    case 'rsa-pss':
      return p.hash === 'sha512'
        ? 'return _verified(lambda: key.verify(sig, content, ' +
            'padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=padding.PSS.AUTO), hashes.SHA512()))'
        : 'return _verified(lambda: key.verify(sig, content, ' +
            'padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256()))'
    case 'ecdsa':
      return p.ecdsaRaw
        ? 'half = len(sig) // 2\n        der = encode_dss_signature(int.from_bytes(sig[:half], "big"), ' +
            'int.from_bytes(sig[half:], "big"))\n        return _verified(lambda: key.verify(der, content, ec.ECDSA(hashes.SHA256())))'
        : 'return _verified(lambda: key.verify(sig, content, ec.ECDSA(hashes.SHA256())))'
    case 'ed25519':
      return 'return _verified(lambda: key.verify(sig, content))'
    case 'token':
      return (
        '# The header carries the secret itself: compared in constant time; nothing ' +
        'is signed.\n        return hmac.compare_digest(sig, key)'
      )
  }
}

function split(p: Plan): string {
  const f = p.format
  switch (f.kind) {
    case 'plain':
      return '[v.strip()] if v.strip() else []'
    case 'prefixed':
      return `[v.strip()[${f.prefix.length}:]] if v.strip().startswith(${q(f.prefix)}) and len(v.strip()) > ${f.prefix.length} else []`
    case 'list':
      return f.itemPrefix
        ? `[s[${f.itemPrefix.length}:] for s in (x.strip() for x in v.split(${q(f.separator)})) if s.startswith(${q(f.itemPrefix)})]`
        : `[s for s in (x.strip() for x in v.split(${q(f.separator)})) if s]`
    case 'kv':
      return `[x for k, x in _kv_pairs(v, ${q(f.pairSeparator)}, ${q(f.kvSeparator)}) if k == ${q(f.signatureKey)} and x]`
  }
}

function readTimestamp(p: Plan): string {
  const t = p.timestamp!
  switch (t.where) {
    case 'header':
      return `_header(req["headers"], ${q(t.name)})`
    case 'query':
      return `_query_param(req["url"], ${q(t.name)})`
    case 'json':
      return `_scalar(_json_path(doc(), ${q(t.name)})) or None`
    case 'signature': {
      const f = p.format as Extract<Plan['format'], { kind: 'kv' }>
      return (
        `next((x for k, x in _kv_pairs(_header(req["headers"], ${q((p.signature as { names: string[] }).names[0]!)}) ` +
        `or "", ${q(f.pairSeparator)}, ${q(f.kvSeparator)}) if k == ${q(f.timestampKey ?? '')}), None)`
      )
    }
  }
}

function signatures(p: Plan): string {
  const s = p.signature
  switch (s.where) {
    case 'header':
      return `[c for name in ${JSON.stringify(s.names)} for c in split(_header(req["headers"], name) or "")]`
    case 'json':
      return `split(_scalar(_json_path(item, ${q(s.path)})))`
    case 'form':
      return `split(next((v for k, v in _form_pairs(req["raw_body"]) if k == ${q(s.name)}), ""))`
    case 'query':
      return `split(_query_param(req["url"], ${q(s.name)}, raw=True) or "")`
  }
}

function keyLine(p: Plan): string {
  if (p.key.form === 'public-key') return 'key = _public_key(secret)'
  if (p.key.form === 'utf8') return 'key = secret.encode()'
  const strip = `(secret[${p.key.prefix.length}:] if secret.startswith(${q(p.key.prefix)}) else secret)`
  return p.key.form === 'hex' ? `key = bytes.fromhex(${strip})` : `key = base64.b64decode(${strip})`
}

function check(p: Plan, fn: string): string {
  const t = p.timestamp
  const lines: string[] = []
  if (usesJson(p))
    lines.push(
      'parsed = []',
      '',
      'def doc():',
      '    # A body that is not JSON has none of the signed fields (each reads as empty).',
      '    if not parsed:',
      '        try:',
      '            parsed.append(json.loads(req["raw_body"].decode("utf-8")))',
      '        except ValueError:',
      '            parsed.append(None)',
      '    return parsed[0]',
      ''
    )
  if (p.bodyDigestQuery)
    lines.push(
      `claimed = _query_param(req["url"], ${q(p.bodyDigestQuery)})`,
      'digest_mode = claimed is not None',
      'if digest_mode and hashlib.sha256(req["raw_body"]).hexdigest() != claimed.lower():',
      '    return False'
    )
  if (t) {
    lines.push(
      `ts = ${readTimestamp(p)}`,
      'if ts is None:',
      '    return False',
      `ts_ms = _timestamp_ms(ts, ${q(t.unit)})`,
      'if ts_ms is None:',
      '    return False'
    )
    if (t.toleranceSec !== null)
      lines.push(`if abs(req["now_ms"] - ts_ms) > ${t.toleranceSec * 1000}:`, '    return False')
  }
  lines.push(
    '',
    'def verify_item(item):',
    `    sigs = [s for s in (_decode_signature(c, ${q(p.encoding)}, ${py(p.urlEncoded)}) for c in ${signatures(p)}) if s is not None]`,
    '    if not sigs:',
    '        return False',
    '    # Each documented reading of the signed content (a reading the request lacks a part of is skipped).',
    '    readings = [',
    ...p.contents.map((c) => `        lambda: b"".join([${c.pieces.map((x) => piece(x, p)).join(', ')}]),`),
    '    ]',
    '    for build in readings:',
    '        try:',
    '            content = build()',
    '        except _Reject:',
    '            continue',
    '        if any(matches(content, sig) for sig in sigs):',
    '            return True',
    '    return False',
    ''
  )
  if (p.items)
    lines.push(
      `entries = _json_path(doc(), ${q(p.items.path)})`,
      'if not isinstance(entries, list) or not entries:',
      '    return False',
      '# Every item carries its own signature; all must be valid.',
      `return all(verify_item(${p.items.field ? `e.get(${q(p.items.field)}) if isinstance(e, dict) else None` : 'e'}) for e in entries)`
    )
  else lines.push(`return verify_item(${usesJson(p) ? 'doc()' : 'None'})`)
  return `def ${fn}(req, secret):
    ${keyLine(p)}  # a key that cannot be read is a setup error: it raises

    def split(v):
        return ${split(p)}

    def matches(content, sig):
        ${matches(p)}

    try:
${lines.map((l) => (l ? '        ' + l : '')).join('\n')}
    except Exception:  # a request that cannot be parsed is not valid
        return False
`
}

export function pythonCode(p: Plan): string {
  const plans = all(p)
  const crypto = plans.some(asymmetric)
    ? `
# Public-key schemes use the "cryptography" package (pip install cryptography).
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
`
    : ''
  const name = `verify_${snake(p.id)}`
  const dispatch = p.versions
    ? `    version = _header(headers, ${q(p.versions.header)})\n${Object.keys(p.versions.plans)
        .map((v) => `    if version == ${q(v)}:\n        return _check_${snake(v)}(req, secret)`)
        .join('\n')}\n    return _check_main(req, secret)`
    : '    return _check_main(req, secret)'
  return `# ${p.name} webhook verification — generated by Hookscope from the "${p.id}" scheme.
# ${p.description}
import base64
import hashlib
import hmac
import json
import re
import time
from datetime import datetime
from urllib.parse import parse_qsl, unquote
${crypto}

def ${name}(method, url, headers, raw_body, secret, now_ms=None):
    """headers: list of (name, value) as received; raw_body: the exact body bytes; secret: your ${p.name} ${p.key.form === 'public-key' ? 'public key' : 'secret'}.

    Returns True or False; it raises only when the key itself cannot be read.
    """
    req = {"method": method, "url": url, "headers": headers, "raw_body": raw_body, "now_ms": now_ms if now_ms is not None else time.time() * 1000}
${dispatch}


${check(p, '_check_main')}
${Object.entries(p.versions?.plans ?? {})
  .map(([v, sub]) => `\n# ${sub.name}: ${sub.description}\n${check(sub, `_check_${snake(v)}`)}\n`)
  .join('')}

${helpers(p)}
`
}

export const pythonName = (id: string): string => `verify_${snake(id)}`
export const nodeName = (id: string): string => `verify${pascal(id)}`
