import { readFileSync } from 'node:fs'
import { parseRawRequest, serializeRawRequest, type RawRequestMessage } from '@shared/http/raw-message'
import {
  signableOf,
  detect,
  escapeBytes,
  getScheme,
  KeyError,
  PROVIDER_SCHEMES,
  regionOf,
  SCHEME_GROUPS,
  schemeSearchText,
  SCHEMES,
  sign,
  verify,
  type KeyInput,
  type SchemeDefinition,
  type SignableRequest
} from '@shared/signatures'
import { visible } from '@shared/decode/visible'

/** A usage or key problem: exit code 2. */
export class UsageError extends Error {}

export function parseTime(value: string | undefined, now: () => number = Date.now): number {
  if (value === undefined) return now()
  if (/^\d{1,11}$/.test(value)) return Number(value) * 1000
  if (/^\d{12,16}$/.test(value)) return Number(value)
  const t = Date.parse(value)
  if (Number.isNaN(t))
    throw new UsageError(`--now expects epoch seconds, epoch milliseconds or ISO 8601 (got "${value}")`)
  return t
}

/** KEY is a literal, @path (file contents) or env:NAME. */
export function readKey(spec: string, env: NodeJS.ProcessEnv = process.env): KeyInput {
  if (spec.startsWith('@')) {
    try {
      return { material: readFileSync(spec.slice(1), 'utf8').trim(), label: spec }
    } catch (err) {
      throw new UsageError(
        `Cannot read the key file ${spec.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`
      )
    }
  }
  if (spec.startsWith('env:')) {
    const v = env[spec.slice(4)]
    if (v === undefined) throw new UsageError(`The environment variable ${spec.slice(4)} is not set.`)
    return { material: v, label: spec }
  }
  return { material: spec }
}

export function readRequest(file: string | undefined, stdin: () => Buffer): RawRequestMessage {
  let bytes: Buffer
  try {
    bytes = file ? readFileSync(file) : stdin()
  } catch (err) {
    throw new UsageError(
      `Cannot read the request ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`
    )
  }
  try {
    return parseRawRequest(bytes)
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
}

/** The request as signed: the URL given on the command line, or the one it was addressed to. */
export const toSignable = (msg: RawRequestMessage, url?: string): SignableRequest => signableOf(msg, url)

export function schemeOrThrow(id: string | undefined): SchemeDefinition {
  if (!id) throw new UsageError('--scheme is required (see `hookscope schemes`).')
  const s = getScheme(id)
  if (!s) throw new UsageError(`Unknown scheme "${id}". \`hookscope schemes\` lists them.`)
  return s
}

/** `hookscope schemes [--json] [--search TEXT]`: the shipped schemes by category, with what confirms each recipe. */
export function listSchemes(json: boolean, search = ''): string {
  const q = search.trim().toLowerCase()
  const match = (s: (typeof SCHEMES)[number]): boolean => !q || schemeSearchText(s).includes(q)
  const groups = SCHEME_GROUPS.map((g) => ({ label: g.label, schemes: g.schemes.filter(match) })).filter(
    (g) => g.schemes.length
  )
  if (json)
    return JSON.stringify(
      groups.flatMap((g) =>
        g.schemes.map((s) => ({
          id: s.id,
          name: s.name,
          group: g.label,
          region: regionOf(s.id),
          algorithm: s.algorithm,
          aliases: s.aliases ?? [],
          description: s.description,
          evidence: s.evidence ?? null,
          docs: s.docs ?? null
        }))
      ),
      null,
      2
    )
  if (!groups.length) return `No scheme matches "${visible(search)}".`
  const w = Math.max(...SCHEMES.map((s) => s.id.length))
  return groups
    .map((g) =>
      [
        `${g.label}:`,
        ...g.schemes.map(
          (s) =>
            `  ${s.id.padEnd(w)}  ${s.algorithm.padEnd(17)}  ${(s.evidence ?? '').padEnd(6)}  ${s.name}` +
            (regionOf(s.id) ? ` (${regionOf(s.id)})` : '')
        )
      ].join('\n')
    )
    .join('\n\n')
}

export interface VerifyArgs {
  scheme?: string
  key?: string[]
  now?: string
  url?: string
  request?: string
  param?: string[]
}

function params(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of list ?? []) {
    const eq = p.indexOf('=')
    if (eq <= 0) throw new UsageError(`--param expects NAME=VALUE (got "${p}")`)
    out[p.slice(0, eq)] = p.slice(eq + 1)
  }
  return out
}

/** Returns the JSON to print and the exit code (0 valid, 1 invalid, 2 key error). */
export async function runVerify(args: VerifyArgs, stdin: () => Buffer): Promise<{ output: string; code: number }> {
  const scheme = schemeOrThrow(args.scheme)
  if (!args.key?.length)
    throw new UsageError('--key is required (a literal, @file or env:NAME); repeat it for several keys.')
  const keys = args.key.map((k) => readKey(k))
  const req = toSignable(readRequest(args.request, stdin), args.url)
  const r = await verify(req, keys, scheme, {
    now: parseTime(args.now),
    params: params(args.param),
    otherSchemes: PROVIDER_SCHEMES
  })
  const output = JSON.stringify(
    {
      valid: r.valid,
      reason: r.reason,
      scheme: r.scheme,
      message: r.message,
      bodyCovered: r.bodyCovered,
      signedContent: r.signedContent ? { text: escapeBytes(r.signedContent), bytes: r.signedContent.length } : null,
      expected: r.expected,
      received: r.received,
      matchedKey: r.matchedKey,
      timestamp: r.timestamp,
      notices: r.notices,
      diagnosis: r.diagnosis
    },
    null,
    2
  )
  return { output, code: r.valid ? 0 : r.reason === 'unsupported-key' ? 2 : 1 }
}

export async function runSign(args: VerifyArgs & { id?: string }, stdin: () => Buffer): Promise<Uint8Array> {
  const scheme = schemeOrThrow(args.scheme)
  if (args.key?.length !== 1) throw new UsageError('--key is required once: the secret or private key to sign with.')
  const msg = readRequest(args.request, stdin)
  const req = toSignable(msg, args.url)
  try {
    const { request } = await sign(req, readKey(args.key[0]!), scheme, {
      now: parseTime(args.now),
      params: params(args.param),
      ...(args.id ? { id: args.id } : {})
    })
    // Schemes that sign into the query (DingTalk) change the target; others leave it as written.
    const signedUrl = new URL(request.url)
    const newTarget = req.url === request.url ? msg.target : signedUrl.pathname + signedUrl.search
    return serializeRawRequest({ ...msg, target: newTarget, rawHeaders: request.headers, body: request.body })
  } catch (err) {
    if (err instanceof KeyError) throw new UsageError(err.message)
    throw err
  }
}

export function runDetect(file: string | undefined, stdin: () => Buffer): string {
  return JSON.stringify(detect(toSignable(readRequest(file, stdin))), null, 2)
}
