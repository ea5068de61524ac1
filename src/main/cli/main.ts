import { parseArgs } from 'node:util'
import { version } from '../../../package.json'
import { exportCaptures } from './export'
import { serve } from './serve'
import { listSchemes, runDetect, runSign, runVerify, UsageError } from './signatures'
import { runInspect } from './inspect'
import { runProbe } from './probe'
import { runImport } from './import'
import { readFileSync } from 'node:fs'
import { visible } from '@shared/decode/visible'

const HELP = `Hookscope ${version} — capture, inspect and verify webhooks locally.

Usage:
  hookscope serve  [--listen HOST:PORT] [--ui HOST:PORT] [--data-dir DIR]
                   [--tunnel ngrok|cloudflared|ssh://USER@HOST[:PORT]] [--tunnel-identity FILE] [--tunnel-known-hosts FILE]
                   [--tunnel-host HOST] [--tunnel-remote-port PORT]
      Web mode: capture webhooks on --listen (default 127.0.0.1:8787) and serve the
      UI on --ui (default 127.0.0.1:8788). Ctrl-C stops cleanly. --tunnel makes the capture
      port (never the UI) public through an existing tunnel tool and prints "Public URL: …"
      each time it is up; ngrok reads its authtoken from the key named "ngrok" or NGROK_AUTHTOKEN.
      A permanent URL: --tunnel-host with ngrok (a reserved domain) or cloudflared (a named
      tunnel's hostname; its token from the key named "cloudflared" or TUNNEL_TOKEN), or
      --tunnel-remote-port with ssh (the same port on the server every start; --tunnel-host
      names a host in front of it). Without --tunnel, the tunnel last started from the app starts.
  hookscope export [--data-dir DIR] [--format ndjson|har|http] [--out FILE] [--search TEXT] [--verdict V] [--include-secrets]
      Write every capture (or those the search / verdict select), oldest first: NDJSON (exact
      body bytes as base64), HAR 1.2, or a .http file of requests (text bodies only).
      Authorization, cookies and signature headers are redacted unless --include-secrets.
  hookscope schemes [--json] [--search TEXT]
      Signature schemes by category: id, algorithm, what confirms the recipe (sdk, vector, docs), name;
      --search keeps those whose id, name, aliases or description contain TEXT.
  hookscope verify --scheme ID --key KEY [--key KEY2 …] [--now TIME] [--url URL] [--param NAME=VALUE] [--request FILE]
      Verify a raw HTTP/1.1 request (FILE or stdin). KEY is a literal, @file or env:NAME; TIME is
      epoch seconds, epoch ms or ISO 8601. Prints JSON; exit 0 valid, 1 invalid, 2 usage or key error.
  hookscope sign --scheme ID --key KEY [--now TIME] [--id ID] [--url URL] [--param NAME=VALUE] [--request FILE]
      Print the request signed (signature, timestamp and id headers set).
  hookscope detect [--request FILE]
      Ranked guesses of the provider, with the evidence, as JSON.
  hookscope inspect [--request FILE] [--layer PATH] [--json] [--raw] [--full]
      Decode a raw HTTP request (FILE or stdin) layer by layer — content encoding, form, JSON,
      multipart, XML, JWT, base64 — and print the chain and the innermost (or PATH, e.g. data)
      layer pretty-printed. Control, bidi and zero-width characters are printed as escapes
      (\\x1B, \\u202E) unless --raw. Bodies are decompressed up to 16 MiB and printed up to
      1 MiB characters unless --full.
  hookscope probe --scheme ID --key KEY --url URL [--template NAME | --request FILE] [--json]
      Send a valid delivery and forgeries (tampered body, wrong signature, no signature, stale
      timestamp, replay) to your receiver; exit 0 if it accepted only what it should, 1 otherwise.
  hookscope import --har FILE [--data-dir DIR]
      Add the requests of a HAR file as captures (bodies byte-exact).
  hookscope help
`

const stdin = (): Buffer => readFileSync(0)

const SIG_OPTIONS = {
  scheme: { type: 'string' },
  key: { type: 'string', multiple: true },
  now: { type: 'string' },
  url: { type: 'string' },
  request: { type: 'string' },
  param: { type: 'string', multiple: true }
} as const

const out = (text: string | Uint8Array): void => void process.stdout.write(text)
const err = (line: string): void => void process.stderr.write(line + '\n')

/** Each command: its options parsed strictly, then its work; the exit code it gives. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  async serve(args) {
    const { values } = parseArgs({
      args,
      options: {
        listen: { type: 'string' },
        ui: { type: 'string' },
        'data-dir': { type: 'string' },
        tunnel: { type: 'string' },
        'tunnel-identity': { type: 'string' },
        'tunnel-known-hosts': { type: 'string' },
        'tunnel-host': { type: 'string' },
        'tunnel-remote-port': { type: 'string' }
      },
      strict: true
    })
    await serve(values, (line) => out(line + '\n'))
    return 0
  },
  async export(args) {
    const { values } = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        search: { type: 'string' },
        verdict: { type: 'string' },
        'include-secrets': { type: 'boolean' }
      },
      strict: true
    })
    const n = await exportCaptures(values, process.stdout, version)
    if (values.out) err(`Exported ${n} captures to ${values.out}`)
    return 0
  },
  async schemes(args) {
    const { values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, search: { type: 'string' } },
      strict: true
    })
    out(listSchemes(values.json === true, values.search) + '\n')
    return 0
  },
  async verify(args) {
    const { values } = parseArgs({ args, options: SIG_OPTIONS, strict: true })
    const { output, code } = await runVerify(values, stdin)
    out(output + '\n')
    return code
  },
  async sign(args) {
    const { values } = parseArgs({ args, options: { ...SIG_OPTIONS, id: { type: 'string' } }, strict: true })
    out(await runSign(values, stdin))
    return 0
  },
  async inspect(args) {
    const { values } = parseArgs({
      args,
      options: {
        request: { type: 'string' },
        layer: { type: 'string' },
        json: { type: 'boolean' },
        raw: { type: 'boolean' },
        full: { type: 'boolean' }
      },
      strict: true
    })
    out((await runInspect(values, stdin)) + '\n')
    return 0
  },
  async probe(args) {
    const { values } = parseArgs({
      args,
      options: { ...SIG_OPTIONS, template: { type: 'string' }, json: { type: 'boolean' } },
      strict: true
    })
    const { output, code } = await runProbe(values, stdin)
    out(output + '\n')
    return code
  },
  async import(args) {
    const { values } = parseArgs({
      args,
      options: { har: { type: 'string' }, 'data-dir': { type: 'string' } },
      strict: true
    })
    err(`Imported ${runImport(values, err)} requests.`)
    return 0
  },
  async detect(args) {
    const { values } = parseArgs({ args, options: { request: { type: 'string' } }, strict: true })
    out(runDetect(values.request, stdin) + '\n')
    return 0
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP)
    return 0
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  if (!run) {
    err(visible(`Unknown command "${command}".\n`))
    err(HELP)
    return 2
  }
  try {
    return await run(rest)
  } catch (e) {
    // Messages may quote the request or the file: its control and bidi characters are shown as escapes.
    err(visible(`hookscope: ${(e as Error).message}`))
    // Usage and key problems (and unknown flags from parseArgs) are exit 2; the rest 1.
    return e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1
  }
}
