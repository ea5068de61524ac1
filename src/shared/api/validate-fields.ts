import * as v from 'valibot'
import { HookscopeError } from '../errors'

// The building blocks of the API's argument schemas (valibot; validate.ts has one per method). Each
// message says what a field must be; `parseArgs` puts the method and the field's path in front of it.

/** A caller (renderer, browser) sent arguments the contract does not allow. */
export class InvalidArgumentsError extends HookscopeError {
  constructor(method: string, detail: string) {
    super('invalid-arguments', `${method}: ${detail}`)
  }
}

export const id = v.pipe(
  v.number('must be a positive integer id'),
  v.safeInteger('must be a positive integer id'),
  v.minValue(1, 'must be a positive integer id')
)

/** A string of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(
    v.string(`must be a string of at most ${max} characters`),
    v.maxLength(max, `must be a string of at most ${max} characters`)
  )

/** An optional true/false (absent = false). */
export const flag = v.optional(v.boolean('must be true or false'), false)

/** A finite number. */
export const num = v.pipe(v.number('must be a number'), v.finite('must be a number'))

/** Key ids: positive integers, at most `max` of them. */
export const keyIds = (max?: number) => {
  const said = max === undefined ? 'must be key ids' : `must be at most ${max} key ids`
  return v.pipe(
    v.array(v.pipe(v.number(said), v.safeInteger(said), v.minValue(1, said)), said),
    v.maxLength(max ?? Number.MAX_SAFE_INTEGER, said)
  )
}

/** Capture ids: positive integers, `min`–`max` of them. */
export const captureIds = (min: number, max: number, said: string) =>
  v.pipe(
    v.array(v.pipe(v.number(said), v.safeInteger(said), v.minValue(1, said)), said),
    v.minLength(min, said),
    v.maxLength(max, said)
  )

/** Scheme settings: an object of strings (absent = none). */
export const params = v.optional(
  v.record(v.string(), v.string('must be strings'), 'must be an object of strings'),
  () => ({})
)

/** One of a list of words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  v.picklist(values, `must be one of ${values.join(', ')}`)

/** An http:// or https:// URL of at most `max` characters. */
export const httpUrl = (max: number) => v.pipe(text(max), v.regex(/^https?:\/\//, 'must be http:// or https://'))

/** Bytes, at most `max` of them (`said` names the limit). */
export const bytes = (max: number, said: string) =>
  v.pipe(
    v.custom<Uint8Array>((x) => x instanceof Uint8Array, said),
    v.check((x) => x.length <= max, said)
  )

/** A plain object (valibot's object takes arrays too). */
export const record = (said: string) =>
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), said)

/** An object (the messages of its fields say the rest). */
export const object = <const E extends v.ObjectEntries>(entries: E, said = 'must be an object') =>
  v.pipe(record(said), v.object(entries, said))

/** No arguments at all. */
export const none = v.pipe(
  v.array(v.unknown()),
  v.maxLength(0, 'takes no arguments'),
  v.transform((): [] => [])
)

/** The dotted field path of an issue (list positions left out). */
function fieldPath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((p) => p.key)
    .filter((k): k is string => typeof k === 'string')
    .join('.')
}

/** Parses `args` with `schema`; the first problem becomes an InvalidArgumentsError naming the method and the field. */
export function parseArgs<T>(method: string, schema: v.GenericSchema<unknown, T>, args: unknown): T {
  const r = v.safeParse(schema, args, { abortEarly: true })
  if (r.success) return r.output
  const issue = r.issues[0]
  const path = fieldPath(issue)
  throw new InvalidArgumentsError(method, path ? `${path} ${issue.message}` : issue.message)
}
