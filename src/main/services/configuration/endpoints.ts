import type { DatabaseSync } from 'node:sqlite'
import { HookscopeError } from '@shared/errors'
import type { Endpoint, EndpointInput, KeySummary, ReplyRule } from '@shared/model/vault'
import { type SchemeDefinition, keyMismatch } from '@shared/signatures'
import { checkForwardTarget, ForwardTargetError, type OwnPorts } from '../delivery'

interface Row {
  id: number
  name: string
  path_prefix: string
  scheme: string | null
  key_ids: string
  reply: string
  params: string
  forward_to: string | null
}

export class EndpointError extends HookscopeError {
  constructor(message: string) {
    super('invalid-endpoint', message)
  }
}

function toEndpoint(r: Row): Endpoint {
  return {
    id: r.id,
    name: r.name,
    pathPrefix: r.path_prefix,
    scheme: r.scheme,
    keyIds: JSON.parse(r.key_ids) as number[],
    reply: JSON.parse(r.reply) as ReplyRule,
    params: JSON.parse(r.params) as Record<string, string>,
    forwardTo: r.forward_to
  }
}

function checkReply(r: ReplyRule): void {
  if (!Number.isInteger(r.status) || r.status < 200 || r.status > 599)
    throw new EndpointError('Reply status must be 200–599.')
  if (!Number.isFinite(r.delayMs) || r.delayMs < 0 || r.delayMs > 60_000)
    throw new EndpointError('Reply delay must be 0–60000 ms.')
  if (!Number.isFinite(r.failureRate) || r.failureRate < 0 || r.failureRate > 100)
    throw new EndpointError('Failure rate must be 0–100 %.')
  if (r.body.length > 1024 * 1024) throw new EndpointError('Reply body must be under 1 MB.')
  for (const [n, v] of r.headers) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(n))
      throw new EndpointError(`Invalid reply header name "${n}": letters, digits and !#$%&'*+.^_\`|~- only.`)
    // HTTP/1.1 header values are bytes: Node refuses anything outside Latin-1 and control characters.
    const bad = /[^\t\x20-\x7e\x80-\xff]/.exec(v)
    if (bad) {
      const cp = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      throw new EndpointError(
        `Reply header "${n}" has a character HTTP headers cannot carry (U+${cp} at ` +
          `position ${bad.index + 1}); use plain ASCII, or put the text in the reply body.`
      )
    }
  }
}

/** Named routes on the listener: path prefix → scheme, keys, reply rule. */
export class Endpoints {
  private cache: Endpoint[] | null = null

  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = Date.now
  ) {}

  list(): Endpoint[] {
    this.cache ??= (this.db.prepare('SELECT * FROM endpoints ORDER BY path_prefix').all() as unknown as Row[]).map(
      toEndpoint
    )
    return this.cache
  }

  save(input: EndpointInput): Endpoint {
    const prefix = input.pathPrefix.trim()
    if (!/^\/[^\s?#]*$/.test(prefix))
      throw new EndpointError('The path prefix must start with "/" and contain no spaces, "?" or "#".')
    if (!input.name.trim()) throw new EndpointError('Give the endpoint a name.')
    checkReply(input.reply)
    const forward = input.forwardTo?.trim() || null
    if (forward && !/^https?:\/\/[^\s]+$/.test(forward))
      throw new EndpointError('Forward to must be an http:// or https:// URL.')
    const values = [
      input.name.trim(),
      prefix,
      input.scheme,
      JSON.stringify(input.keyIds),
      JSON.stringify(input.reply),
      JSON.stringify(input.params ?? {}),
      forward
    ]
    let id = input.id
    try {
      if (id)
        this.db
          .prepare(
            'UPDATE endpoints SET name = ?, path_prefix = ?, scheme = ?, key_ids = ?, reply = ?, params = ?, forward_to = ? WHERE id = ?'
          )
          .run(...values, id)
      else
        id = Number(
          this.db
            .prepare(
              'INSERT INTO endpoints (name, path_prefix, scheme, key_ids, reply, params, ' +
                'forward_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
            )
            .run(...values, this.now()).lastInsertRowid
        )
    } catch (err) {
      if (/UNIQUE/.test((err as Error).message)) throw new EndpointError(`Another endpoint already uses ${prefix}.`)
      throw err
    }
    this.cache = null
    return this.list().find((e) => e.id === id)!
  }

  delete(id: number): boolean {
    this.cache = null
    return Number(this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes) > 0
  }

  /** The endpoint with the longest prefix that matches the path on a segment boundary, if any. */
  match(target: string): Endpoint | null {
    const path = target.split('?')[0]!
    let best: Endpoint | null = null
    for (const e of this.list()) {
      const p = e.pathPrefix.replace(/\/$/, '')
      const hit = p === '' || path === p || path.startsWith(p + '/')
      if (hit && (!best || p.length > best.pathPrefix.replace(/\/$/, '').length)) best = e
    }
    return best
  }
}

/**
 * What an endpoint must not be bound to, checked before it is saved: a scheme that does not exist,
 * forwarding into Hookscope itself (every delivery would come back) or to a link-local or metadata
 * address (unless allowed in Settings), or a key that cannot check its scheme. A name that does not
 * resolve yet is accepted (it is checked again at each forward).
 */
export async function checkBinding(
  input: EndpointInput,
  d: {
    resolveScheme: (id: string) => SchemeDefinition | undefined
    key: (id: number) => KeySummary | null
    ownPorts: () => OwnPorts
    allowLinkLocal: boolean
    /** The endpoints already saved: two with one path prefix would leave which one catches a delivery to chance. */
    others?: () => Endpoint[]
  }
): Promise<void> {
  const prefix = (p: string): string => p.trim().replace(/\/+$/, '') || '/'
  const same = d.others?.().find((e) => e.id !== input.id && prefix(e.pathPrefix) === prefix(input.pathPrefix))
  if (same) {
    throw new EndpointError(
      `Endpoint "${same.name}" already receives at ${prefix(same.pathPrefix)}: edit ` +
        `that one, or give this one a longer path (the longest matching prefix wins).`
    )
  }
  if (input.scheme && !d.resolveScheme(input.scheme)) {
    throw new EndpointError(
      `There is no signature scheme "${input.scheme}": choose one from the list or add it in Schemes.`
    )
  }
  const forward = input.forwardTo?.trim()
  if (forward && /^https?:\/\//i.test(forward)) {
    try {
      await checkForwardTarget(forward, d.ownPorts(), { allowLinkLocal: d.allowLinkLocal })
    } catch (e) {
      if (!(e instanceof ForwardTargetError) || !/could not be resolved/.test(e.message))
        throw new EndpointError(`Forward to ${(e as Error).message}`)
    }
  }
  const scheme = input.scheme ? d.resolveScheme(input.scheme) : undefined
  for (const id of scheme ? input.keyIds : []) {
    const key = d.key(id)
    const why = key && keyMismatch(scheme!, key)
    if (why) throw new EndpointError(`${why} Choose another key for this endpoint.`)
  }
}
