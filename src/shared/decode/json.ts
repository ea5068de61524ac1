/**
 * JSON without JSON.parse: numbers keep their exact digits (64-bit ids stay exact), nesting
 * depth is bounded only by memory (no recursion: 200 000-deep input is fine), and every pass
 * is linear. Strings are decoded with JSON.parse on the single token.
 */

export type TokenType = '{' | '}' | '[' | ']' | ':' | ',' | 'string' | 'number' | 'true' | 'false' | 'null'

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(`${message} at offset ${offset}`)
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

/** Calls `on` for each token; validates the grammar with an explicit stack; throws JsonSyntaxError. */
export function tokenize(text: string, on: (type: TokenType, start: number, end: number) => void): void {
  // Stack of containers: 1 = object, 2 = array. `expect` says what may come next.
  const stack: number[] = []
  type Expect = 'value' | 'key' | 'colon' | 'comma-or-close' | 'value-or-close' | 'key-or-close' | 'end'
  // Widened on purpose: afterValue() changes it from a closure, which narrowing cannot see.
  let expect = 'value' as Expect
  let i = 0
  const n = text.length
  const afterValue = (): void => {
    expect = stack.length === 0 ? 'end' : 'comma-or-close'
  }
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isWs(c)) {
      i++
      continue
    }
    if (expect === 'end') throw new JsonSyntaxError('Unexpected data after the JSON value', i)
    if (c === 0x22) {
      let j = i + 1
      for (;;) {
        if (j >= n) throw new JsonSyntaxError('Unterminated string', i)
        const d = text.charCodeAt(j)
        if (d === 0x5c) j += 2
        else if (d === 0x22) break
        else if (d < 0x20) throw new JsonSyntaxError('Control character in string', j)
        else j++
      }
      if (expect === 'key' || expect === 'key-or-close') {
        on('string', i, j + 1)
        expect = 'colon'
      } else if (expect === 'value' || expect === 'value-or-close') {
        on('string', i, j + 1)
        afterValue()
      } else throw new JsonSyntaxError('Unexpected string', i)
      i = j + 1
      continue
    }
    if (c === 0x3a) {
      if (expect !== 'colon') throw new JsonSyntaxError('Unexpected ":"', i)
      on(':', i, i + 1)
      expect = 'value'
      i++
      continue
    }
    if (c === 0x2c) {
      if (expect !== 'comma-or-close') throw new JsonSyntaxError('Unexpected ","', i)
      on(',', i, i + 1)
      expect = stack[stack.length - 1] === 1 ? 'key' : 'value'
      i++
      continue
    }
    if (c === 0x7b || c === 0x5b) {
      if (expect !== 'value' && expect !== 'value-or-close') throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
      stack.push(c === 0x7b ? 1 : 2)
      on(c === 0x7b ? '{' : '[', i, i + 1)
      expect = c === 0x7b ? 'key-or-close' : 'value-or-close'
      i++
      continue
    }
    if (c === 0x7d || c === 0x5d) {
      const want = c === 0x7d ? 1 : 2
      const ok = stack[stack.length - 1] === want && (expect === 'comma-or-close' || expect === (want === 1 ? 'key-or-close' : 'value-or-close'))
      if (!ok) throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
      stack.pop()
      on(c === 0x7d ? '}' : ']', i, i + 1)
      afterValue()
      i++
      continue
    }
    if (expect !== 'value' && expect !== 'value-or-close') throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
    if (text.startsWith('true', i)) {
      on('true', i, i + 4)
      i += 4
    } else if (text.startsWith('false', i)) {
      on('false', i, i + 5)
      i += 5
    } else if (text.startsWith('null', i)) {
      on('null', i, i + 4)
      i += 4
    } else {
      NUMBER.lastIndex = i
      const m = NUMBER.exec(text)
      if (!m || m[0].length === 0) throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
      on('number', i, i + m[0].length)
      i += m[0].length
    }
    afterValue()
  }
  if (expect !== 'end') throw new JsonSyntaxError('Unexpected end of JSON', n)
}

export function isJson(text: string): boolean {
  const t = text.trimStart()
  if (!t || !'{["-0123456789tfn'.includes(t[0]!)) return false
  try {
    tokenize(text, () => undefined)
    return true
  } catch {
    return false
  }
}

/** Pretty-prints with `indent` spaces; literals (numbers, strings) are copied verbatim. */
export function formatJson(text: string, indent = 2): string {
  const out: string[] = []
  let depth = 0
  let emptyContainer = false
  // Indentation stops growing past 32 levels: hostile 200 000-deep input would otherwise need gigabytes.
  const pad = (d: number): string => '\n' + ' '.repeat(Math.min(d, 32) * indent)
  tokenize(text, (type, start, end) => {
    switch (type) {
      case '{':
      case '[':
        out.push(type)
        depth++
        emptyContainer = true
        return
      case '}':
      case ']':
        depth--
        out.push(emptyContainer ? type : pad(depth) + type)
        emptyContainer = false
        return
      case ':':
        out.push(': ')
        return
      case ',':
        out.push(',' + pad(depth))
        return
      default:
        if (emptyContainer) out.push(pad(depth))
        emptyContainer = false
        out.push(text.slice(start, end))
    }
  })
  return out.join('')
}

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

/** String values with their paths, in document order, at most `limit` (for nested-layer detection). */
export function jsonStringValues(root: JsonNode, limit = 2000): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = []
  const stack: JsonNode[] = [root]
  while (stack.length && out.length < limit) {
    const n = stack.pop()!
    if (n.type === 'string') out.push({ path: n.path, value: n.value! })
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!)
  }
  return out
}
