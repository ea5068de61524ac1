import { fromUtf8, utf8 } from '../bytes'
import { parseForm } from './content'
import { isAsymmetric } from './keys'
import type { Finding, KeyInput, SchemeDefinition, SignableRequest } from './types'

/** A changed reading of the request, scheme or keys; if the signature matches it, its finding says what went wrong. */
export type Variant = { req?: SignableRequest; scheme?: SchemeDefinition; keys?: readonly KeyInput[]; finding: Finding }

const withBody = (req: SignableRequest, body: string | Uint8Array): SignableRequest => ({
  ...req,
  body: typeof body === 'string' ? utf8(body) : body
})

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
    )
  }
  return v
}

export function bodyVariants(req: SignableRequest): Variant[] {
  const text = fromUtf8(req.body)
  const out: Variant[] = []
  const add = (body: string, kind: string, message: string, fix: string): void => {
    if (body !== text) out.push({ req: withBody(req, body), finding: { kind, message, fix } })
  }
  add(
    text.replace(/\r?\n$/, ''),
    'body-trailing-newline-added',
    'The signature matches the body without its final newline: a newline was added after signing.',
    'Verify the raw bytes as received, and find what appends a newline (a proxy, a logging middleware, an editor saving the fixture).'
  )
  add(
    text + '\n',
    'body-trailing-newline-removed',
    'The signature matches the body with a final newline: the sender signed a newline that is not in the body received.',
    'Keep the body byte-exact; do not trim it before verifying.'
  )
  if (text.includes('\r\n'))
    add(
      text.replace(/\r\n/g, '\n'),
      'body-crlf',
      'The signature matches the body with CRLF line ends turned into LF: line ends were changed after signing.',
      'Read the body as bytes (no text mode, no git autocrlf on fixtures).'
    )
  else if (text.includes('\n'))
    add(
      text.replace(/\n/g, '\r\n'),
      'body-lf',
      'The signature matches the body with LF line ends turned into CRLF: line ends were changed after signing.',
      'Read the body as bytes (no text mode, no git autocrlf on fixtures).'
    )
  let json: unknown
  let isJson = false
  try {
    json = JSON.parse(text)
    isJson = true
  } catch {
    /* not JSON */
  }
  if (isJson) {
    const fix = 'Verify the raw body bytes, before any JSON parsing: in Express use express.raw(), not express.json().'
    add(
      JSON.stringify(json),
      'body-json-compact',
      'The signature matches the JSON re-serialised compactly: the body was parsed and re-serialised before verifying (or by the sender).',
      fix
    )
    add(
      JSON.stringify(json, null, 2),
      'body-json-pretty',
      'The signature matches the JSON pretty-printed: the body was parsed and re-formatted.',
      fix
    )
    add(
      JSON.stringify(sortKeys(json)),
      'body-json-sorted',
      'The signature matches the JSON with its keys sorted: the body was parsed and re-serialised with sorted keys.',
      fix
    )
  }
  try {
    add(
      decodeURIComponent(text.replace(/\+/g, ' ')),
      'body-url-decoded',
      'The signature matches the URL-decoded body: the sender signed the decoded text, not the bytes it sent.',
      'Verify over the URL-decoded body for this sender.'
    )
  } catch {
    /* not URL-encoded */
  }
  const data = parseForm(text).find(([k]) => k === 'data')
  if (data)
    add(
      data[1],
      'body-form-data-field',
      'The signature matches only the decoded value of the form field "data", not the whole body.',
      'Verify over the URL-decoded value of data= (UseePay form deliveries work this way).'
    )
  return out
}

export function keyVariants(keys: readonly KeyInput[], scheme: SchemeDefinition): Variant[] {
  if (isAsymmetric(scheme.algorithm) || keys.some((k) => typeof k.material !== 'string')) return []
  const out: Variant[] = []
  const forms: { form: 'utf8' | 'hex' | 'base64'; said: string }[] = [
    { form: 'utf8', said: 'as UTF-8 text' },
    { form: 'base64', said: 'base64-decoded' },
    { form: 'hex', said: 'hex-decoded' }
  ]
  for (const f of forms) {
    if (f.form === scheme.key.form) continue
    out.push({
      scheme: { ...scheme, key: { ...scheme.key, form: f.form } },
      finding: {
        kind: `secret-${f.form}`,
        message:
          `The signature matches when the secret is used ${f.said}; ${scheme.name} uses ` +
          `it ${forms.find((x) => x.form === scheme.key.form)?.said ?? scheme.key.form}.`,
        fix:
          `Use the secret ${f.said} (or, if you are the sender, sign with it ` +
          `${forms.find((x) => x.form === scheme.key.form)?.said ?? scheme.key.form}).`
      }
    })
  }
  const prefixes = scheme.key.prefix ? [scheme.key.prefix] : ['whsec_', 'whpk_', 'sk_', 'SEC']
  for (const p of prefixes) {
    const has = keys.filter((k) => (k.material as string).startsWith(p))
    if (scheme.key.prefix) {
      // The scheme strips the prefix; maybe the sender signed with it kept.
      out.push({
        scheme: { ...scheme, key: { form: 'utf8' } },
        finding: {
          kind: 'secret-prefix-kept',
          message: `The signature matches with the whole secret, "${p}" prefix included, used as text.`,
          fix: `Strip "${p}" and base64-decode the rest, as ${scheme.name} specifies.`
        }
      })
    } else if (has.length) {
      const stripped = keys.map((k) => ({
        ...k,
        material: (k.material as string).startsWith(p) ? (k.material as string).slice(p.length) : k.material
      }))
      out.push({
        keys: stripped,
        finding: {
          kind: 'secret-prefix-stripped',
          message: `The signature matches with the "${p}" prefix removed from the secret.`,
          fix: `Remove "${p}" from the secret before using it.`
        }
      })
      for (const form of ['base64', 'hex'] as const) {
        if (form === scheme.key.form) continue
        out.push({
          keys: stripped,
          scheme: { ...scheme, key: { ...scheme.key, form } },
          finding: {
            kind: `secret-prefix-stripped-${form}`,
            message:
              `The signature matches with the "${p}" prefix removed and the rest ${form}-decoded (the ` +
              `Standard Webhooks / Svix convention); ${scheme.name} uses the whole secret as text.`,
            fix:
              `Sign with the secret exactly as given (the whole ${p}… string ` +
              `as UTF-8), or verify with the scheme the sender really follows.`
          }
        })
      }
    }
  }
  return out
}
