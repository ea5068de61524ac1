import { helpers } from './node-helpers'
import { all, pascal, q, usesJson, type Piece, type Plan } from './plan'

function piece(x: Piece, p: Plan): string {
  switch (x.kind) {
    case 'lit':
      return `Buffer.from(${q(x.text)})`
    case 'body':
      return 'req.rawBody'
    case 'header':
      return `Buffer.from(required(header(req.headers, ${q(x.name)})))`
    case 'ts':
      return 'Buffer.from(ts)'
    case 'id':
      return `Buffer.from(required(header(req.headers, ${q(p.idHeader ?? '')})))`
    case 'secret':
      return 'key'
    case 'method':
      return 'Buffer.from(req.method.toUpperCase())'
    case 'url':
      return 'Buffer.from(req.url)'
    case 'path':
      return 'Buffer.from(requestPath(req.url))'
    case 'query':
      return `Buffer.from(required(queryParam(req.url, ${q(x.name)})))`
    case 'form-field':
      return `Buffer.from(required(formPairs(req.rawBody).find(([k]) => k === ${q(x.name)})?.[1]))`
    case 'json-fields':
      return `Buffer.from([${x.paths.map(q).join(', ')}].map((p) => scalar(jsonPath(item, p))).join(${q(x.separator)}))`
    case 'form-sorted':
      return (
        `Buffer.from(${p.bodyDigestQuery ? "digestMode ? '' : " : ''}formSorted(req.rawBody, ` +
        `${JSON.stringify({ kvJoin: x.kvJoin, pairJoin: x.pairJoin, exclude: x.exclude, skipEmpty: x.skipEmpty, sortedUnique: x.sortedUnique })}))`
      )
  }
}

function matches(p: Plan): string {
  switch (p.family) {
    case 'hmac':
      return (
        `const expected = createHmac(${q(p.hash!)}, key).update(content).digest()\n ` +
        `   return sig.length === expected.length && timingSafeEqual(sig, expected)`
      )
    case 'hash':
      return (
        `const expected = createHash(${q(p.hash!)}).update(content).digest()\n    ` +
        `return sig.length === expected.length && timingSafeEqual(sig, expected)`
      )
    case 'rsa-pkcs1':
      return `return verifySignature(${q(p.hash!)}, content, key, sig)`
    case 'rsa-pss':
      // SHA-256 is salted with 32 bytes; SHA-512's salt is read from the signature, as the app accepts two lengths.
      return p.hash === 'sha512'
        ? "return verifySignature('sha512', content, " +
            '{ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig)'
        : "return verifySignature('sha256', content, " +
            '{ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)'
    case 'ecdsa':
      return `return verifySignature('sha256', content, { key, dsaEncoding: ${q(p.ecdsaRaw ? 'ieee-p1363' : 'der')} }, sig)`
    case 'ed25519':
      return 'return verifySignature(null, content, key, sig)'
    case 'token':
      return (
        '// The header carries the secret itself: compared in constant time; nothing is ' +
        'signed.\n    return sig.length === key.length && timingSafeEqual(sig, key)'
      )
  }
}

function split(p: Plan): string {
  const f = p.format
  switch (f.kind) {
    case 'plain':
      return '(v) => (v.trim() ? [v.trim()] : [])'
    case 'prefixed':
      return (
        `(v) => (v.trim().startsWith(${q(f.prefix)}) && v.trim().length > ` +
        `${f.prefix.length} ? [v.trim().slice(${f.prefix.length})] : [])`
      )
    case 'list':
      return `(v) => v.split(${q(f.separator)}).map((s) => s.trim()).filter(Boolean)${f.itemPrefix ? `.filter((s) => s.startsWith(${q(f.itemPrefix)})).map((s) => s.slice(${f.itemPrefix.length}))` : ''}`
    case 'kv':
      return (
        `(v) => kvPairs(v, ${q(f.pairSeparator)}, ${q(f.kvSeparator)}).filter(([k, ` +
        `x]) => k === ${q(f.signatureKey)} && x).map(([, x]) => x)`
      )
  }
}

function readTimestamp(p: Plan): string {
  const t = p.timestamp!
  switch (t.where) {
    case 'header':
      return `header(req.headers, ${q(t.name)})`
    case 'query':
      return `queryParam(req.url, ${q(t.name)})`
    case 'json':
      return `nonEmpty(scalar(jsonPath(doc(), ${q(t.name)})))`
    case 'signature': {
      const f = p.format as Extract<Plan['format'], { kind: 'kv' }>
      return (
        `kvPairs(header(req.headers, ${q((p.signature as { names: string[] }).names[0]!)}) ?? '', ` +
        `${q(f.pairSeparator)}, ${q(f.kvSeparator)}).find(([k]) => k === ${q(f.timestampKey ?? '')})?.[1]`
      )
    }
  }
}

function signatures(p: Plan): string {
  const s = p.signature
  switch (s.where) {
    case 'header':
      return `${JSON.stringify(s.names)}.flatMap((name) => split(header(req.headers, name) ?? ''))`
    case 'json':
      return `split(scalar(jsonPath(item, ${q(s.path)})))`
    case 'form':
      return `split(formPairs(req.rawBody).find(([k]) => k === ${q(s.name)})?.[1] ?? '')`
    case 'query':
      return `split(queryParam(req.url, ${q(s.name)}, true) ?? '')`
  }
}

function keyLine(p: Plan): string {
  if (p.key.form === 'public-key') return 'const key = publicKey(secret)'
  if (p.key.form === 'utf8') return 'const key = Buffer.from(secret, "utf8")'
  return `const key = Buffer.from(secret.startsWith(${q(p.key.prefix)}) ? secret.slice(${p.key.prefix.length}) : secret, ${q(p.key.form)})`
}

function check(p: Plan, fn: string): string {
  const t = p.timestamp
  const tsBlock = t
    ? `  const ts = ${readTimestamp(p)}
    if (ts === undefined) return false
    const tsMs = timestampMs(ts, ${q(t.unit)})
    if (Number.isNaN(tsMs)) return false${t.toleranceSec !== null ? `\n    if (Math.abs(req.nowMs - tsMs) > ${t.toleranceSec * 1000}) return false` : ''}\n  `
    : ''
  const contents = p.contents
    .map((c) => `() => Buffer.concat([${c.pieces.map((x) => piece(x, p)).join(', ')}])`)
    .join(',\n      ')
  const digest = p.bodyDigestQuery
    ? `  const claimed = queryParam(req.url, ${q(p.bodyDigestQuery)})
    const digestMode = claimed !== undefined
    if (digestMode && createHash('sha256').update(req.rawBody).digest('hex') !== claimed.toLowerCase()) return false\n  `
    : ''
  // A body that is not JSON has none of the signed fields (each reads as empty), as in the app.
  const json = usesJson(p)
    ? `  let parsed\n    const doc = () => {\n      if (parsed === undefined) {\n        try {\n          parsed = JSON.parse(req.rawBody.toString('utf8'))\n        } catch {\n          parsed = null\n        }\n      }\n      return parsed\n    }\n  `
    : ''
  const one = `(item) => {
      const sigs = ${signatures(p)}.map((c) => decodeSignature(c, ${q(p.encoding)}, ${p.urlEncoded})).filter(Boolean)
      if (sigs.length === 0) return false
      // Each documented reading of the signed content (a reading the request lacks a part of is skipped).
      const readings = [
      ${contents}
      ]
      return readings.some((build) => {
        let content
        try {
          content = build()
        } catch {
          return false
        }
        return sigs.some((sig) => matches(content, sig))
      })
    }`
  const body = p.items
    ? `const list = jsonPath(doc(), ${q(p.items.path)})
    if (!Array.isArray(list) || list.length === 0) return false
    const verifyItem = ${one}
    // Every item carries its own signature; all must be valid.
    return list.every((entry) => verifyItem(${p.items.field ? `entry?.[${q(p.items.field)}]` : 'entry'}))`
    : `return (${one})(${usesJson(p) ? 'doc()' : 'undefined'})`
  return `function ${fn}(req, secret) {
  ${keyLine(p)} // a key that cannot be read is a setup error: it throws
  const split = ${split(p)}
  const matches = (content, sig) => {
    ${matches(p)}
  }
  try {
  ${json}${digest}${tsBlock}  ${body}
  } catch {
    return false // a request that cannot be parsed is not valid
  }
}`
}

/** The module the generated Node code imports (text written into the snippet; this module imports nothing from Node). */
const NODE_CRYPTO = ['node', 'crypto'].join(':')

export function nodeCode(p: Plan): string {
  const plans = all(p)
  const imports = new Set<string>(['timingSafeEqual'])
  for (const x of plans) {
    if (x.family === 'hmac') imports.add('createHmac')
    if (x.family === 'hash' || x.bodyDigestQuery) imports.add('createHash')
    if (!['hmac', 'hash', 'token'].includes(x.family)) imports.add('verify as verifySignature')
    if (x.family === 'rsa-pss') imports.add('constants')
    if (x.key.form === 'public-key') imports.add('createPublicKey').add('X509Certificate')
  }
  const name = `verify${pascal(p.id)}`
  const dispatch = p.versions
    ? `  const version = header(headers, ${q(p.versions.header)})\n${Object.keys(p.versions.plans)
        .map((v) => `  if (version === ${q(v)}) return check${pascal(v)}(req, secret)`)
        .join('\n')}\n  return checkMain(req, secret)`
    : '  return checkMain(req, secret)'
  return `// ${p.name} webhook verification — generated by Hookscope from the "${p.id}" scheme.
// ${p.description}
import { ${[...imports].sort().join(', ')} } from '${NODE_CRYPTO}'

/**
 * method, url: as the sender addressed them; headers: [name, value][] as received; rawBody: the exact
 * body bytes (a Buffer, never a re-serialised object); secret: your ${p.name} ${p.key.form === 'public-key' ? 'public key' : 'secret'}.
 * Returns true or false; it throws only when the key itself cannot be read.
 */
export function ${name}(method, url, headers, rawBody, secret, nowMs = Date.now()) {
  const req = { method, url, headers, rawBody, nowMs }
${dispatch}
}

${check(p, 'checkMain')}
${Object.entries(p.versions?.plans ?? {})
  .map(([v, sub]) => `\n// ${sub.name}: ${sub.description}\n${check(sub, `check${pascal(v)}`)}\n`)
  .join('')}
${helpers(p)}
`
}
