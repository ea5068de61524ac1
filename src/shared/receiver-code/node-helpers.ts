import { all, usesForm, usesJson, usesQuery, type Plan } from './plan'

/** The helper functions the generated code calls, only those the scheme needs. */
export function helpers(p: Plan): string {
  const plans = all(p)
  const aliases = Object.assign({}, ...plans.map((x) => x.headerAliases)) as Record<string, string[]>
  const out: string[] = [
    `const HEADER_ALIASES = ${JSON.stringify(aliases)}

function header(headers, name) {
  for (const n of [name, ...(HEADER_ALIASES[name.toLowerCase()] ?? [])]) {
    const hit = headers.find(([k]) => k.toLowerCase() === n.toLowerCase())
    if (hit) return hit[1]
  }
  return undefined
}

function required(value) {
  if (value === undefined) throw new Error('a signed value is missing')
  return value
}

function decodeSignature(text, encoding, urlEncoded) {
  const t = urlEncoded ? decodeURIComponent(text) : text
  if (encoding === 'utf8') return Buffer.from(t, 'utf8')
  if (encoding === 'hex') return /^(?:[0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, 'hex') : null
  const alphabet = encoding === 'base64url' ? /^[A-Za-z0-9_-]+={0,2}$/ : /^[A-Za-z0-9+/]+={0,2}$/
  return alphabet.test(t) && t.replace(/=+$/, '').length % 4 !== 1 ? Buffer.from(t, encoding) : null
}`
  ]
  if (plans.some((x) => x.timestamp))
    out.push(`function timestampMs(value, unit) {
  if (unit === 'rfc3339') return Date.parse(value)
  if (!/^[0-9]{1,16}$/.test(value)) return NaN
  return unit === 's' ? Number(value) * 1000 : Number(value)
}`)
  if (plans.some((x) => x.format.kind === 'kv'))
    out.push(`function kvPairs(value, pairSeparator, kvSeparator) {
  return value
    .split(pairSeparator)
    .filter((pair) => pair.includes(kvSeparator))
    .map((pair) => [pair.slice(0, pair.indexOf(kvSeparator)).trim(), pair.slice(pair.indexOf(kvSeparator) + kvSeparator.length).trim()])
}`)
  if (plans.some(usesJson))
    out.push(`function jsonPath(value, path) {
  let cur = value
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = cur[k]
  }
  return cur
}

function scalar(v) {
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
}

function nonEmpty(s) {
  return s === '' ? undefined : s
}`)
  if (plans.some((x) => usesForm(x) || usesQuery(x)))
    out.push(`function formPairs(rawBody) {
  const decode = (s) => {
    try {
      return decodeURIComponent(s.replace(/\\+/g, ' '))
    } catch {
      return s
    }
  }
  return rawBody
    .toString('utf8')
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? [decode(pair.slice(0, pair.indexOf('='))), decode(pair.slice(pair.indexOf('=') + 1))] : [decode(pair), '']))
}`)
  if (plans.some(usesForm))
    out.push(`function formSorted(rawBody, o) {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
  let pairs = formPairs(rawBody)
    .filter(([k, v]) => !o.exclude.includes(k) && !(o.skipEmpty && v.trim() === ''))
    .sort(([a, av], [b, bv]) => cmp(a, b) || (o.sortedUnique ? cmp(av, bv) : 0))
  if (o.sortedUnique) pairs = pairs.filter(([k, v], i) => i === 0 || k !== pairs[i - 1][0] || v !== pairs[i - 1][1])
  return pairs.map(([k, v]) => k + o.kvJoin + v).join(o.pairJoin)
}`)
  if (plans.some(usesQuery))
    out.push(`/** A query parameter, decoded — or as sent (\`raw\`), as a signature travels. */
function queryParam(url, name, raw = false) {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : ''
  if (!raw) return formPairs(Buffer.from(query)).find(([k]) => k === name)?.[1]
  const pair = query.split('&').find((p) => (p.includes('=') ? p.slice(0, p.indexOf('=')) : p) === name)
  return pair === undefined ? undefined : pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : ''
}`)
  if (plans.some((x) => x.contents.some((c) => c.pieces.some((y) => y.kind === 'path'))))
    out.push(`function requestPath(url) {
  const origin = /^[a-z][a-z0-9+.-]*:\\/\\/[^/?#]*/i.exec(url)
  return origin ? url.slice(origin[0].length) || '/' : url
}`)
  if (plans.some((x) => x.key.form === 'public-key'))
    out.push(`/** A PEM public key or certificate, bare base64 DER (SubjectPublicKeyInfo), or a 32-byte hex Ed25519 key. */
function publicKey(material) {
  const text = material.trim()
  if (text.startsWith('-----BEGIN CERTIFICATE')) return new X509Certificate(text).publicKey
  if (text.startsWith('-----BEGIN')) return createPublicKey(text)
  if (/^[0-9a-fA-F]{64}$/.test(text)) return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(text, 'hex').toString('base64url') }, format: 'jwk' })
  return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
}`)
  return out.join('\n\n')
}
