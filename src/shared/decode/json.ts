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

/** The index of the quote that closes the string opening at `i` (escapes skipped; raw control characters refused). */
function closingQuote(text: string, i: number): number {
  for (let j = i + 1; ;) {
    if (j >= text.length) throw new JsonSyntaxError('Unterminated string', i)
    const d = text.charCodeAt(j)
    if (d === 0x5c) j += 2
    else if (d === 0x22) return j
    else if (d < 0x20) throw new JsonSyntaxError('Control character in string', j)
    else j++
  }
}

/** The literal or number starting at `i`, and its length. */
function scalarAt(text: string, i: number): [TokenType, number] {
  if (text.startsWith('true', i)) return ['true', 4]
  if (text.startsWith('false', i)) return ['false', 5]
  if (text.startsWith('null', i)) return ['null', 4]
  NUMBER.lastIndex = i
  const m = NUMBER.exec(text)
  if (!m || m[0].length === 0) throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
  return ['number', m[0].length]
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
      const j = closingQuote(text, i)
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
      const ok =
        stack[stack.length - 1] === want &&
        (expect === 'comma-or-close' || expect === (want === 1 ? 'key-or-close' : 'value-or-close'))
      if (!ok) throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
      stack.pop()
      on(c === 0x7d ? '}' : ']', i, i + 1)
      afterValue()
      i++
      continue
    }
    if (expect !== 'value' && expect !== 'value-or-close') throw new JsonSyntaxError(`Unexpected "${text[i]}"`, i)
    const [type, length] = scalarAt(text, i)
    on(type, i, i + length)
    i += length
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

/** Thrown inside a tokenize callback to stop early; never escapes this module. */
const STOP = Symbol('stop')

/**
 * Pretty-prints with `indent` spaces; literals (numbers, strings) are copied verbatim. With
 * `maxChars`, stops once the output has that many characters (the caller says it is cut).
 */
export function formatJson(text: string, indent = 2, maxChars = Infinity): string {
  const out: string[] = []
  let length = 0
  let depth = 0
  let emptyContainer = false
  // Indentation stops growing past 32 levels: hostile 200 000-deep input would otherwise need gigabytes.
  const pad = (d: number): string => '\n' + ' '.repeat(Math.min(d, 32) * indent)
  const push = (piece: string): void => {
    out.push(piece)
    length += piece.length
    if (length > maxChars) throw STOP
  }
  try {
    tokenize(text, (type, start, end) => format(type, start, end))
  } catch (e) {
    if (e !== STOP) throw e
    return out.join('').slice(0, maxChars)
  }
  return out.join('')

  function format(type: TokenType, start: number, end: number): void {
    switch (type) {
      case '{':
      case '[':
        push(type)
        depth++
        emptyContainer = true
        return
      case '}':
      case ']':
        depth--
        push(emptyContainer ? type : pad(depth) + type)
        emptyContainer = false
        return
      case ':':
        push(': ')
        return
      case ',':
        push(',' + pad(depth))
        return
      default:
        if (emptyContainer) push(pad(depth))
        emptyContainer = false
        push(text.slice(start, end))
    }
  }
}

/**
 * The exact text of a top-level member's value (`{"Content":{…},…}` → `{…}` as it is in the body,
 * spacing and escapes untouched), or null when the text is not a JSON object or has no such member.
 */
export function memberText(text: string, key: string): string | null {
  let depth = 0
  let expectKey = false
  let wanted = false
  let valueNext = false
  let start = -1
  let span: [number, number] | null = null
  try {
    tokenize(text, (type, s, e) => {
      if (span) return
      if (depth === 0 && type === '{') expectKey = true
      else if (depth === 1 && expectKey && type === 'string') {
        wanted = JSON.parse(text.slice(s, e)) === key
        expectKey = false
        return
      } else if (depth === 1 && type === ':') {
        valueNext = true
        return
      } else if (depth === 1 && type === ',') {
        expectKey = true
        return
      } else if (valueNext) {
        valueNext = false
        if (wanted) start = s
      }
      if (type === '{' || type === '[') depth++
      else if (type === '}' || type === ']') depth--
      if (start >= 0 && depth === 1) span = [start, e]
    })
  } catch {
    return null
  }
  return span ? text.slice(span[0], span[1]) : null
}
