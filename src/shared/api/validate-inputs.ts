import { MAX_PAGE_SIZE, VERDICTS, type ListQuery } from '../model/capture'
import { HANDSHAKES, type EndpointInput, type Handshake, type ReplyRule } from '../model/vault'
import { EXPORT_FORMATS, type ExportFormat } from '../http/export'
import type { ExportRequest } from './contract'
import { flag, id, InvalidArgumentsError, keyIdList, obj, stringParams, text } from './validate-fields'

/** The validators of the API's composite inputs: a list query, an endpoint, an export request. */

export function listQuery(v: unknown): ListQuery {
  if (v === undefined || v === null) return {}
  if (typeof v !== 'object' || Array.isArray(v)) throw new InvalidArgumentsError('listCaptures', 'expected a query object')
  const q = v as Record<string, unknown>
  const out: ListQuery = {}
  if (q.cursor !== undefined && q.cursor !== null) out.cursor = id('listCaptures', q.cursor)
  if (q.limit !== undefined) {
    if (typeof q.limit !== 'number' || !Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_PAGE_SIZE) {
      throw new InvalidArgumentsError('listCaptures', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`)
    }
    out.limit = q.limit
  }
  if (q.verdict !== undefined) {
    if (!(VERDICTS as readonly unknown[]).includes(q.verdict)) throw new InvalidArgumentsError('listCaptures', 'unknown verdict filter')
    out.verdict = q.verdict as ListQuery['verdict']
  }
  if (q.endpointId !== undefined) out.endpointId = id('listCaptures', q.endpointId)
  if (q.event !== undefined) out.event = text('listCaptures', q.event, 'event', 500)
  if (q.after !== undefined) out.after = id('listCaptures', q.after)
  if (q.offset !== undefined) {
    if (typeof q.offset !== 'number' || !Number.isSafeInteger(q.offset) || q.offset < 0)
      throw new InvalidArgumentsError('listCaptures', 'offset must be a non-negative integer')
    out.offset = q.offset
  }
  if (q.receivedAfter !== undefined) {
    if (typeof q.receivedAfter !== 'number' || !Number.isSafeInteger(q.receivedAfter))
      throw new InvalidArgumentsError('listCaptures', 'receivedAfter must be a time in ms')
    out.receivedAfter = q.receivedAfter
  }
  if (q.fromOldest !== undefined) {
    if (typeof q.fromOldest !== 'boolean') throw new InvalidArgumentsError('listCaptures', 'fromOldest must be true or false')
    out.fromOldest = q.fromOldest
  }
  if (q.search !== undefined) {
    if (typeof q.search !== 'string' || q.search.length > 1000) {
      throw new InvalidArgumentsError('listCaptures', 'search must be a string of at most 1000 characters')
    }
    out.search = q.search
  }
  return out
}

export function endpointInput(v: unknown): EndpointInput {
  const m = 'saveEndpoint'
  const o = obj(m, v)
  const r = obj(m, o.reply)
  const headers = r.headers
  if (
    !Array.isArray(headers) ||
    headers.some((h) => !Array.isArray(h) || h.length !== 2 || typeof h[0] !== 'string' || typeof h[1] !== 'string')
  ) {
    throw new InvalidArgumentsError(m, 'reply.headers must be [name, value] pairs')
  }
  const num = (x: unknown, f: string): number => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidArgumentsError(m, `${f} must be a number`)
    return x
  }
  const keyIds = keyIdList(m, o.keyIds)
  const params = stringParams(m, o.params)
  const reply: ReplyRule = {
    status: num(r.status, 'reply.status'),
    headers: headers as [string, string][],
    body: text(m, r.body, 'reply.body', 1024 * 1024),
    delayMs: num(r.delayMs, 'reply.delayMs'),
    failureRate: num(r.failureRate, 'reply.failureRate'),
    ...(r.handshake === undefined || r.handshake === null
      ? {}
      : (HANDSHAKES as readonly unknown[]).includes(r.handshake)
        ? { handshake: r.handshake as Handshake }
        : (() => {
            throw new InvalidArgumentsError(m, `reply.handshake must be one of ${HANDSHAKES.join(', ')}`)
          })())
  }
  return {
    ...(o.id !== undefined ? { id: id(m, o.id) } : {}),
    name: text(m, o.name, 'name', 200),
    pathPrefix: text(m, o.pathPrefix, 'pathPrefix', 500),
    scheme: o.scheme === null ? null : text(m, o.scheme, 'scheme', 100),
    keyIds,
    reply,
    params,
    forwardTo: o.forwardTo === undefined || o.forwardTo === null ? null : text(m, o.forwardTo, 'forwardTo', 2000)
  }
}

export function exportRequest(v: unknown): ExportRequest {
  const m = 'exportCaptures'
  const o = obj(m, v)
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(o.format))
    throw new InvalidArgumentsError(m, `format must be one of ${EXPORT_FORMATS.join(', ')}`)
  const out: ExportRequest = { format: o.format as ExportFormat, includeSecrets: flag(m, o.includeSecrets, 'includeSecrets') }
  if (o.ids !== undefined) {
    if (!Array.isArray(o.ids) || o.ids.length > 100_000) throw new InvalidArgumentsError(m, 'ids must be at most 100 000 capture ids')
    out.ids = o.ids.map((i) => id(m, i))
  }
  if (o.filter !== undefined) {
    const q = listQuery(o.filter)
    out.filter = { search: q.search, verdict: q.verdict, endpointId: q.endpointId, event: q.event }
  }
  if (o.cursor !== undefined && o.cursor !== null) out.cursor = id(m, o.cursor)
  return out
}
