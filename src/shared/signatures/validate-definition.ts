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
  const result = v.safeParse(SchemeDefinitionSchema, input, { abortEarly: true })
  if (result.success) return result.output
  // The deepest issue names the field; a union's sub-issues explain which shape was meant.
  let issue: v.BaseIssue<unknown> = result.issues[0]
  while (issue.issues?.length) issue = issue.issues[0]
  throw new DefinitionError(issuePath(issue), issue.message)
}
