import type { ApiErrorShape, HookscopeMethodName, HookscopeMethods } from '@shared/api/contract'
import { validateArgs } from '@shared/api/validate'
import { HookscopeError } from '@shared/errors'

/**
 * Validates untrusted arguments and calls one method of the contract. Shared by the IPC
 * handlers and the web-mode routes so both enforce exactly the same rules.
 */
export async function dispatch(
  methods: HookscopeMethods,
  name: HookscopeMethodName,
  args: unknown[]
): Promise<unknown> {
  const valid = validateArgs[name](args) as unknown[]
  const fn = methods[name] as (...a: unknown[]) => Promise<unknown>
  return fn(...valid)
}

/** Turns a thrown error into what the UI may see: a code and a message, never a stack. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof HookscopeError) return { code: err.code, message: err.message }
  // Anything else is a fault, not an answer: its message is kept (Node's are plain), never its stack.
  return { code: 'internal-error', message: err instanceof Error ? err.message : 'Unexpected error' }
}
