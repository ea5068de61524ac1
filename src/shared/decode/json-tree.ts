import { JsonSyntaxError, tokenize } from './json'

/** Thrown inside a tokenize callback to stop early; never escapes this module. */
const DONE = Symbol('done')

export type JsonNodeType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

export interface JsonNode {
  type: JsonNodeType
  /** Property name or array index; null for the root. */
  key: string | number | null
  /** Scalars: the decoded string or the literal text (numbers keep every digit). */
  value?: string
  children?: JsonNode[]
  /** Dotted path from the root, e.g. data.customer.address.city or items[0].id */
  path: string
}

const IDENT = /^[A-Za-z_$][\w$]*$/

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`
  if (IDENT.test(key)) return parent === '' ? key : `${parent}.${key}`
  return `${parent}[${JSON.stringify(key)}]`
}

/** Builds a tree (explicit stack, no recursion). Throws JsonSyntaxError, or RangeError past `maxNodes`. */
export function parseJsonTree(text: string, maxNodes = 1_000_000): JsonNode {
  const root: JsonNode = { type: 'null', key: null, path: '' }
  const stack: JsonNode[] = []
  let pendingKey: string | null = null
  let count = 0
  let haveRoot = false
  const attach = (node: Omit<JsonNode, 'key' | 'path'>): JsonNode => {
    if (++count > maxNodes) throw new RangeError(`more than ${maxNodes} values`)
    const parent = stack[stack.length - 1]
    if (!parent) {
      Object.assign(root, node)
      haveRoot = true
      return root
    }
    const key: string | number = parent.type === 'array' ? parent.children!.length : pendingKey!
    const full: JsonNode = { ...node, key, path: childPath(parent.path, key) }
    parent.children!.push(full)
    pendingKey = null
    return full
  }
  let expectKey = false
  tokenize(text, (type, start, end) => {
    switch (type) {
      case '{':
      case '[': {
        const node = attach({ type: type === '{' ? 'object' : 'array', children: [] })
        stack.push(node)
        expectKey = type === '{'
        return
      }
      case '}':
      case ']':
        stack.pop()
        expectKey = false
        return
      case ',':
        expectKey = stack[stack.length - 1]?.type === 'object'
        return
      case ':':
        expectKey = false
        return
      case 'string': {
        const s = JSON.parse(text.slice(start, end)) as string
        if (expectKey) {
          pendingKey = s
          return
        }
        attach({ type: 'string', value: s })
        return
      }
      case 'number':
        attach({ type: 'number', value: text.slice(start, end) })
        return
      case 'true':
      case 'false':
        attach({ type: 'boolean', value: type })
        return
      case 'null':
        attach({ type: 'null', value: 'null' })
    }
  })
  if (!haveRoot) throw new JsonSyntaxError('Empty JSON', 0)
  return root
}

/**
 * String values with their paths, in document order, at most `limit` (for nested-layer detection):
 * read from the tokens with a stack of open containers, so memory follows the depth and the values
 * kept, not the size of the document, and the scan stops at `limit`. Throws JsonSyntaxError.
 */
export function jsonStringValues(text: string, limit = 2000): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = []
  // Each open container: its path, and the next index (arrays) or -1 (objects).
  const paths: string[] = []
  const next: number[] = []
  let pendingKey = ''
  let expectKey = false
  const valuePath = (): string => {
    const i = paths.length - 1
    if (i < 0) return ''
    return next[i]! >= 0 ? childPath(paths[i]!, next[i]!++) : childPath(paths[i]!, pendingKey)
  }
  try {
    tokenize(text, (type, start, end) => {
      if (type === '{' || type === '[') {
        paths.push(valuePath())
        next.push(type === '[' ? 0 : -1)
        expectKey = type === '{'
      } else if (type === '}' || type === ']') {
        paths.pop()
        next.pop()
        expectKey = false
      } else if (type === ',') expectKey = next.at(-1) === -1
      else if (type === ':') expectKey = false
      else if (type === 'string' && expectKey) pendingKey = JSON.parse(text.slice(start, end)) as string
      else {
        const path = valuePath()
        if (type !== 'string') return
        out.push({ path, value: JSON.parse(text.slice(start, end)) as string })
        if (out.length >= limit) throw DONE
      }
    })
  } catch (e) {
    if (e !== DONE) throw e
  }
  return out
}
