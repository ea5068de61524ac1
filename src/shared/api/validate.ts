import { MAX_PAGE_SIZE, type ListQuery } from '../model/capture'
import type { HookscopeMethodName, HookscopeMethods } from './contract'

/** A caller (renderer, browser) sent arguments the contract does not allow. */
export class InvalidArgumentsError extends Error {
  readonly code = 'invalid-arguments'
  constructor(method: string, detail: string) {
    super(`${method}: ${detail}`)
    this.name = 'InvalidArgumentsError'
  }
}

type ArgsOf<M extends HookscopeMethodName> = Parameters<HookscopeMethods[M]>

function id(method: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new InvalidArgumentsError(method, 'expected a positive integer id')
  }
  return v
}

function listQuery(v: unknown): ListQuery {
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
  if (q.search !== undefined) {
    if (typeof q.search !== 'string' || q.search.length > 1000) {
      throw new InvalidArgumentsError('listCaptures', 'search must be a string of at most 1000 characters')
    }
    out.search = q.search
  }
  return out
}

function none(method: string, args: unknown[]): [] {
  if (args.length > 0) throw new InvalidArgumentsError(method, 'takes no arguments')
  return []
}

/** Validates untrusted arguments for each method; returns them typed. */
export const validateArgs: { [M in HookscopeMethodName]: (args: unknown[]) => ArgsOf<M> } = {
  getStatus: (args) => none('getStatus', args),
  listCaptures: (args) => [listQuery(args[0])],
  getCapture: (args) => [id('getCapture', args[0])],
  deleteCapture: (args) => [id('deleteCapture', args[0])],
  clearCaptures: (args) => none('clearCaptures', args),
  getDecodedBody: (args) => [id('getDecodedBody', args[0])]
}
