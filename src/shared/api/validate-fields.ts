import { HookscopeError } from '../errors'

// The building blocks of the API's argument validators (validate.ts): each names the method and the field at fault.

/** A caller (renderer, browser) sent arguments the contract does not allow. */
export class InvalidArgumentsError extends HookscopeError {
  constructor(method: string, detail: string) {
    super('invalid-arguments', `${method}: ${detail}`)
  }
}

/** An optional true/false argument (absent = false). */
export function flag(method: string, v: unknown, name: string): boolean {
  if (v === undefined) return false
  if (typeof v !== 'boolean') throw new InvalidArgumentsError(method, `${name} must be true or false`)
  return v
}

export function id(method: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new InvalidArgumentsError(method, 'expected a positive integer id')
  }
  return v
}

export function obj(method: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InvalidArgumentsError(method, 'expected an object')
  return v as Record<string, unknown>
}

/** Key ids: positive integers, at most `max` of them. */
export function keyIdList(method: string, v: unknown, max = Infinity): number[] {
  if (!Array.isArray(v) || v.length > max || v.some((k) => !Number.isSafeInteger(k) || (k as number) < 1))
    throw new InvalidArgumentsError(method, max === Infinity ? 'keyIds must be key ids' : `keyIds must be at most ${max} key ids`)
  return v as number[]
}

/** Scheme settings: an object of strings (absent = none). */
export function stringParams(method: string, v: unknown): Record<string, string> {
  const params = v === undefined ? {} : obj(method, v)
  for (const p of Object.values(params)) if (typeof p !== 'string') throw new InvalidArgumentsError(method, 'params must be strings')
  return params as Record<string, string>
}

export function text(method: string, v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.length > max)
    throw new InvalidArgumentsError(method, `${field} must be a string of at most ${max} characters`)
  return v
}
