import * as v from 'valibot'
import { HookscopeError } from '../errors'
import { isObject, SchemeDefinitionSchema, type SchemeDefinition } from './schema'

/** A user-written scheme definition is not valid; `path` points at the offending field. */
export class DefinitionError extends HookscopeError {
  constructor(
    readonly path: string,
    message: string
  ) {
    super('invalid-definition', `${path}: ${message}`)
  }
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '$'
  for (const item of issue.path ?? []) path += typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`
  return path
}

/**
 * Checks a scheme definition written by a user (JSON) and returns it typed, defaults filled in; the
 * first problem is reported with its path, e.g. `$.signature.encoding: must be one of hex, …`.
 */
export function validateDefinition(input: unknown): SchemeDefinition {
  if (!isObject(input)) throw new DefinitionError('$', 'a scheme definition is a JSON object')
  checkDefinitionShape(input)
  const result = v.safeParse(SchemeDefinitionSchema, input, { abortEarly: true })
  if (result.success) return result.output
  // The deepest issue names the field; a union's sub-issues explain which shape was meant.
  let issue: v.BaseIssue<unknown> = result.issues[0]
  while (issue.issues?.length) issue = issue.issues[0]
  throw new DefinitionError(issuePath(issue), issue.message)
}

/** Deeper than any real scheme (the deepest built-in nests 5); checked before the recursive parser sees it. */
export const MAX_DEFINITION_DEPTH = 32
export const MAX_DEFINITION_NODES = 20_000

/** Walks the input without recursion: too deep or too large is a located error, not a stack overflow. */
export function checkDefinitionShape(input: object): void {
  const stack: [unknown, string, number][] = [[input, '$', 0]]
  let nodes = 0
  while (stack.length) {
    const [value, path, depth] = stack.pop()!
    if (++nodes > MAX_DEFINITION_NODES)
      throw new DefinitionError('$', `a scheme definition has at most ${MAX_DEFINITION_NODES} values`)
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_DEFINITION_DEPTH)
      throw new DefinitionError(path, `nested deeper than ${MAX_DEFINITION_DEPTH} levels`)
    if (Array.isArray(value)) value.forEach((x, i) => stack.push([x, `${path}[${i}]`, depth + 1]))
    else for (const [k, x] of Object.entries(value)) stack.push([x, `${path}.${k}`, depth + 1])
  }
}
