import { getTemplate, TEMPLATES } from '@shared/templates/templates'
import { otherKey, probe, type ProbeReport, send } from '../services/delivery'
import { parseTime, readKey, readRequest, schemeOrThrow, toSignable, UsageError } from './signatures'

export interface ProbeArgs {
  scheme?: string
  key?: string[]
  url?: string
  template?: string
  request?: string
  json?: boolean
  now?: string
  param?: string[]
}

export function formatReport(r: ProbeReport): string {
  const lines = [`probe ${r.scheme} → ${r.url}`, '']
  for (const c of r.cases) {
    const got = !c.applicable
      ? 'not applicable'
      : c.error
        ? c.error
        : `${c.status} (${c.accepted ? 'accepted' : 'refused'})`
    const mark = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', 'n/a': '-   ' }[c.verdict]
    lines.push(`${mark}  ${c.name.padEnd(18)} ${c.description.padEnd(40)} ${got}`)
  }
  const accepted = r.cases.filter((c) => c.verdict === 'fail' && c.name !== 'valid').map((c) => c.name)
  lines.push('')
  if (r.passed)
    lines.push(
      'The receiver accepted the valid delivery and refused every forgery.' +
        (r.cases.find((c) => c.name === 'replay')?.verdict === 'warn'
          ? ' It accepted a replay: consider deduplicating deliveries.'
          : '')
    )
  else if (r.cases[0]?.verdict === 'fail')
    lines.push(
      'The receiver refused the valid delivery: check the key and the scheme.' +
        (accepted.length ? ` It also accepted: ${accepted.join(', ')}.` : '')
    )
  else lines.push(`The receiver accepted forged deliveries: ${accepted.join(', ')}.`)
  return lines.join('\n')
}

export async function runProbe(args: ProbeArgs, stdin: () => Buffer): Promise<{ output: string; code: number }> {
  const scheme = schemeOrThrow(args.scheme)
  if (args.key?.length !== 1)
    throw new UsageError('--key is required once: the secret or private key the provider signs with.')
  if (!args.url) throw new UsageError('--url is required: the receiver to probe.')
  const key = readKey(args.key[0]!)
  let base
  if (args.request) base = { ...toSignable(readRequest(args.request, stdin)), url: args.url }
  else {
    const t = args.template ? getTemplate(args.template) : TEMPLATES.find((x) => x.scheme === scheme.id)
    if (!t)
      throw new UsageError(
        args.template
          ? `Unknown template "${args.template}". Templates: ${TEMPLATES.map((x) => x.id).join(', ')}`
          : `No template for ${scheme.id}: pass --request FILE.`
      )
    base = { method: t.method, url: args.url, headers: t.headers, body: new TextEncoder().encode(t.body) }
  }
  const params: Record<string, string> = {}
  for (const p of args.param ?? []) params[p.slice(0, p.indexOf('='))] = p.slice(p.indexOf('=') + 1)
  const report = await probe({
    scheme,
    key,
    wrongKey: otherKey(scheme, key),
    base,
    now: parseTime(args.now),
    params,
    send: (r) => send(r, { timeoutMs: 10_000 })
  })
  return { output: args.json ? JSON.stringify(report, null, 2) : formatReport(report), code: report.passed ? 0 : 1 }
}
