import { headerValue } from '@shared/http/headers'
import { presentLayer } from '@shared/decode/present'
import { visible, visibleJson } from '@shared/decode/visible'
import { decodeContentEncoding } from '../services/capture'
import { readRequest, UsageError } from './signatures'

export interface InspectArgs {
  request?: string
  layer?: string
  json?: boolean
  /** Print the payload's control characters as they are (terminal escapes included). */
  raw?: boolean
  /** Print the whole body, not its first PRINT_LIMIT characters. */
  full?: boolean
}

/** Decompression stops here in the CLI (the UI's cap is 64 MiB): a 1.7 KB zstd body can hold 50 MiB. */
export const INSPECT_DECOMPRESS_LIMIT = 16 * 1024 * 1024
/** Characters of body printed unless --full (the note says how much more there is). */
export const PRINT_LIMIT = 1024 * 1024

/** `hookscope inspect`: the decoding chain and the pretty body of the innermost (or chosen) layer. */
export async function runInspect(args: InspectArgs, stdin: () => Buffer): Promise<string> {
  const out = await inspectText(args, stdin)
  // A payload must not drive the terminal (titles, clipboard, hyperlinks) or reorder what is read.
  return args.raw ? out : args.json ? visibleJson(out) : visible(out)
}

async function inspectText(args: InspectArgs, stdin: () => Buffer): Promise<string> {
  const msg = readRequest(args.request, stdin)
  const decoded = await decodeContentEncoding(
    msg.body,
    headerValue(msg.rawHeaders, 'content-encoding'),
    INSPECT_DECOMPRESS_LIMIT
  )
  const path = args.layer ? args.layer.split('/').filter(Boolean) : undefined
  // Beyond what is printed, JSON is not pretty-printed at all (a 1 MB nested body pretty-prints to ~65 MB).
  const view = presentLayer(
    decoded.body,
    headerValue(msg.rawHeaders, 'content-type') ?? null,
    decoded.encodings,
    path,
    args.full ? {} : { prettyChars: PRINT_LIMIT + 1 }
  )
  if (path && view.path.length !== path.length) {
    const missing = path[view.path.length]
    throw new UsageError(
      `No layer "${missing}" here. Nested values: ${view.children.map((c) => c.key).join(', ') || 'none'}.`
    )
  }
  const whole = view.pretty ?? view.raw ?? `(binary, ${view.bytes.length} bytes: use --json for base64)`
  const cut = !args.full && whole.length > PRINT_LIMIT
  const body = cut ? whole.slice(0, PRINT_LIMIT) : whole
  const cutNote = cut ? `The body is cut at ${PRINT_LIMIT} characters: --full prints all of it.` : null
  const bytes = cut ? view.bytes.subarray(0, PRINT_LIMIT) : view.bytes
  if (args.json) {
    return JSON.stringify(
      {
        chain: view.crumbs,
        layer: view.path,
        kind: view.kind,
        note: [decoded.error, view.note, cutNote].filter(Boolean).join(' ') || null,
        nested: view.children.map((c) => ({ key: c.key, how: c.how })),
        fields: view.fields?.map((f) => ({ name: f.name, value: f.value })) ?? null,
        parts: view.parts,
        body: view.raw !== null ? body : Buffer.from(bytes).toString('base64'),
        bodyEncoding: view.raw !== null ? 'text' : 'base64'
      },
      null,
      2
    )
  }
  const lines = [`chain: ${view.crumbs.join(' → ')}`]
  if (decoded.error) lines.push(`note: ${decoded.error}`)
  if (view.note) lines.push(`note: ${view.note}`)
  if (cutNote) lines.push(`note: ${cutNote}`)
  if (view.children.length)
    lines.push(
      `nested: ${view.children.map((c) => `${c.key} (${c.how})`).join(', ')}  — ` +
        `open with --layer ${[...view.path, view.children[0]!.key].join('/')}`
    )
  // One line each, pushed one by one: a spread of 250 000 fields would overflow the stack.
  for (const f of view.fields ?? [])
    lines.push(`field ${f.name} = ${f.value.length > 200 ? f.value.slice(0, 200) + '…' : f.value}`)
  for (const p of view.parts ?? [])
    lines.push(`part ${p.name ?? '-'} ${p.filename ?? ''} ${p.contentType ?? ''} ${p.size} bytes`)
  lines.push('', body)
  return lines.join('\n')
}
