import { HookscopeError } from '@shared/errors'
import type { DatabaseSync } from 'node:sqlite'
import type { ComposedRequest, ComposeOptions, ComposeResult, SentSummary } from '@shared/api/contract'
import { bytesToBase64, base64ToBytes } from '@shared/bytes'
import { sign, type KeyInput, type SchemeDefinition } from '@shared/signatures'
import { send } from './sender'
import { SecretMask } from '../vault'

interface Deps {
  db: DatabaseSync
  resolveScheme: (id: string) => SchemeDefinition | undefined
  signingKey: (id: number) => KeyInput | null
  /** Masks a stored key's secret in what goes back to the UI and into the history. */
  maskFor: (id: number) => SecretMask
  now?: () => number
}

type Stored = Omit<ComposedRequest, 'body'> & { bodyBase64: string }

/** The composer's backend: sign with a stored key at send time, send, keep a history. */
export class Composer {
  constructor(private readonly deps: Deps) {}

  async send(req: ComposedRequest, opts: ComposeOptions): Promise<ComposeResult> {
    // The request goes out as signed; the UI and the history see it with the secret masked.
    const mask = opts.sign ? this.deps.maskFor(opts.sign.keyId) : new SecretMask([])
    return mask.deep(await this.signAndSend(req, opts, mask))
  }

  private async signAndSend(req: ComposedRequest, opts: ComposeOptions, mask: SecretMask): Promise<ComposeResult> {
    let request = req
    let signedContent: Uint8Array | null = null
    if (opts.sign) {
      const scheme = this.deps.resolveScheme(opts.sign.scheme)
      const key = this.deps.signingKey(opts.sign.keyId)
      if (!scheme) throw new HookscopeError('invalid-arguments', `Unknown scheme "${opts.sign.scheme}".`)
      if (!key)
        throw new HookscopeError(
          'invalid-arguments',
          'That key cannot sign (a public key cannot; choose a secret or a private key).'
        )
      const signed = await sign(req, key, scheme, {
        now: (this.deps.now ?? Date.now)(),
        params: opts.sign.params ?? {}
      })
      request = {
        method: req.method,
        url: signed.request.url,
        headers: signed.request.headers,
        body: signed.request.body
      }
      signedContent = signed.signedContent
    }
    if (opts.dryRun) return { request, signedContent, response: null, historyId: null }
    const r = await send(request, {
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.insecureTls ? { insecureTls: true } : {})
    })
    const response = { status: r.status, headers: r.headers, body: r.body, timings: r.timings, error: r.error }
    const shown = mask.deep(request)
    const stored: Stored = {
      method: shown.method,
      url: shown.url,
      headers: shown.headers,
      bodyBase64: bytesToBase64(shown.body)
    }
    const { lastInsertRowid } = this.deps.db
      .prepare('INSERT INTO sent (sent_at, request, response) VALUES (?, ?, ?)')
      .run(
        (this.deps.now ?? Date.now)(),
        JSON.stringify(stored),
        JSON.stringify({ ...mask.deep(response), body: bytesToBase64(mask.bytes(response.body)) })
      )
    return { request, signedContent, response, historyId: Number(lastInsertRowid) }
  }

  history(limit = 100): SentSummary[] {
    const rows = this.deps.db
      .prepare('SELECT id, sent_at, request, response FROM sent ORDER BY id DESC LIMIT ?')
      .all(limit) as {
      id: number
      sent_at: number
      request: string
      response: string
    }[]
    return rows.map((r) => {
      const req = JSON.parse(r.request) as Stored
      const res = JSON.parse(r.response) as { status: number | null; error: string | null }
      return { id: r.id, sentAt: r.sent_at, method: req.method, url: req.url, status: res.status, error: res.error }
    })
  }

  get(id: number): ComposeResult | null {
    const r = this.deps.db.prepare('SELECT request, response FROM sent WHERE id = ?').get(id) as
      { request: string; response: string } | undefined
    if (!r) return null
    const req = JSON.parse(r.request) as Stored
    const res = JSON.parse(r.response) as NonNullable<ComposeResult['response']> & { body: string }
    return {
      request: { method: req.method, url: req.url, headers: req.headers, body: base64ToBytes(req.bodyBase64) },
      signedContent: null,
      response: { ...res, body: base64ToBytes(res.body as unknown as string) },
      historyId: id
    }
  }
}
