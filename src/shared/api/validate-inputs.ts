import * as v from 'valibot'
import { MAX_PAGE_SIZE, VERDICTS, type ListQuery } from '../model/capture'
import { HANDSHAKES, type EndpointInput } from '../model/vault'
import { EXPORT_FORMATS } from '../http/export'
import type { ExportRequest } from './contract'
import { captureIds, flag, id, keyIds, num, object, oneOf, params, text } from './validate-fields'

/** The API's composite inputs: a list query, an endpoint, an export request. */

const integer = (said: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(said), v.safeInteger(said), v.minValue(min, said), v.maxValue(max, said))

/** A list query (absent = everything). */
export const listQuery: v.GenericSchema<unknown, ListQuery> = v.pipe(
  v.optional(
    v.nullable(
      object(
        {
          cursor: v.optional(v.nullable(id)),
          limit: v.optional(integer(`must be an integer from 1 to ${MAX_PAGE_SIZE}`, 1, MAX_PAGE_SIZE)),
          verdict: v.optional(v.picklist(VERDICTS, 'must be a known verdict')),
          endpointId: v.optional(id),
          event: v.optional(text(500)),
          after: v.optional(id),
          offset: v.optional(integer('must be a non-negative integer', 0)),
          receivedAfter: v.optional(integer('must be a time in ms', Number.MIN_SAFE_INTEGER)),
          fromOldest: v.optional(v.boolean('must be true or false')),
          search: v.optional(text(1000))
        },
        'must be a query object'
      )
    )
  ),
  // Only the fields given (a `cursor: null` is no cursor).
  v.transform((q) =>
    Object.fromEntries(Object.entries(q ?? {}).filter(([k, x]) => x !== undefined && !(k === 'cursor' && x === null)))
  )
)

const replyRule = object({
  status: num,
  headers: v.array(v.tuple([v.string(), v.string()], 'must be [name, value] pairs'), 'must be [name, value] pairs'),
  body: text(1024 * 1024),
  delayMs: num,
  failureRate: num,
  handshake: v.optional(v.nullable(oneOf(HANDSHAKES)))
})

export const endpointInput: v.GenericSchema<unknown, EndpointInput> = v.pipe(
  object({
    id: v.optional(id),
    name: text(200),
    pathPrefix: text(500),
    scheme: v.nullable(text(100)),
    keyIds: keyIds(),
    reply: replyRule,
    params,
    forwardTo: v.optional(v.nullable(text(2000)))
  }),
  v.transform(({ id: known, reply: { handshake, ...reply }, forwardTo, ...rest }) => ({
    ...(known !== undefined ? { id: known } : {}),
    ...rest,
    reply: { ...reply, ...(handshake ? { handshake } : {}) },
    forwardTo: forwardTo ?? null
  }))
)

export const exportRequest: v.GenericSchema<unknown, ExportRequest> = v.pipe(
  object({
    format: oneOf(EXPORT_FORMATS),
    includeSecrets: flag,
    ids: v.optional(captureIds(0, 100_000, 'must be at most 100 000 capture ids')),
    filter: v.optional(listQuery),
    cursor: v.optional(v.nullable(id))
  }),
  v.transform(({ ids, filter, cursor, ...rest }) => ({
    ...rest,
    ...(ids !== undefined ? { ids } : {}),
    ...(filter !== undefined
      ? {
          filter: { search: filter.search, verdict: filter.verdict, endpointId: filter.endpointId, event: filter.event }
        }
      : {}),
    ...(cursor !== undefined && cursor !== null ? { cursor } : {})
  }))
)
