import { ImportError } from './types'

/** A word of a POSIX shell command line, or the pipe between two commands. */
export type ShellToken = { word: string } | { pipe: true }

const ANSI_C: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?'
}

/**
 * Splits a command line as sh would — '…', "…", backslashes, line continuations, and bash's $'…'
 * (which browsers' "Copy as cURL" emits) — without expanding anything. `$VAR`, backquotes and
 * redirections are refused: a pasted command is read, never run.
 */
export function shellWords(line: string): ShellToken[] {
  const out: ShellToken[] = []
  let word: string | null = null
  const push = (): void => {
    if (word !== null) out.push({ word })
    word = null
  }
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (ch === '\\') {
      const next = line[i + 1]
      i++
      if (next === '\n') continue
      if (next === '\r' && line[i + 1] === '\n') {
        i++
        continue
      }
      word = (word ?? '') + (next ?? '')
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new ImportError('A single quote is not closed.')
      word = (word ?? '') + line.slice(i + 1, end)
      i = end
    } else if (ch === '$' && line[i + 1] === "'") {
      const [s, end] = ansiC(line, i + 2)
      word = (word ?? '') + s
      i = end
    } else if (ch === '"') {
      let s = ''
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const c = line[i]!
        if (c === '$' || c === '`')
          throw new ImportError(
            'The command uses shell expansion ($ or `) inside double quotes; paste it with the values filled in.'
          )
        if (c === '\\' && /["\\$`\n]/.test(line[i + 1] ?? '')) {
          i++
          if (line[i] !== '\n') s += line[i]
        } else s += c
      }
      if (i >= line.length) throw new ImportError('A double quote is not closed.')
      word = (word ?? '') + s
    } else if (ch === '|' && line[i + 1] !== '|') {
      push()
      out.push({ pipe: true })
    } else if (/\s/.test(ch)) {
      push()
    } else if (ch === '$' || ch === '`' || ch === '<' || ch === '>' || ch === ';' || ch === '&') {
      throw new ImportError(
        `The command uses "${ch}" (shell expansion, redirection or a second command); paste a single curl command.`
      )
    } else {
      word = (word ?? '') + ch
    }
  }
  push()
  return out
}

const HEX_2 = /[0-9a-fA-F]{1,2}/y
const HEX_4 = /[0-9a-fA-F]{1,4}/y
const HEX_8 = /[0-9a-fA-F]{1,8}/y
const OCT_3 = /[0-7]{1,3}/y

function sticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at
  return re.exec(text)?.[0] ?? null
}

/**
 * bash's $'…' from `start` (just inside the quote): the text and the index of the closing quote.
 * As bash does, `\x` with no hex digit stays as written; a `\u`/`\U` beyond Unicode is refused.
 */
function ansiC(line: string, start: number): [string, number] {
  let s = ''
  let i = start
  for (; i < line.length && line[i] !== "'"; i++) {
    if (line[i] !== '\\') {
      s += line[i]
      continue
    }
    const e = line[++i] ?? ''
    if (e in ANSI_C) s += ANSI_C[e]
    else if (e === 'x' || e === 'u' || e === 'U') {
      const hex = sticky(e === 'x' ? HEX_2 : e === 'u' ? HEX_4 : HEX_8, line, i + 1)
      if (hex === null) {
        s += '\\' + e
        continue
      }
      const cp = parseInt(hex, 16)
      if (cp > 0x10ffff)
        throw new ImportError(`$'\\${e}${hex}' is not a Unicode character (the largest is \\U0010FFFF).`)
      s += e === 'x' ? String.fromCharCode(cp) : String.fromCodePoint(cp)
      i += hex.length
    } else if (e >= '0' && e <= '7') {
      const oct = sticky(OCT_3, line, i)!
      s += String.fromCharCode(parseInt(oct, 8) & 0xff)
      i += oct.length - 1
    } else s += '\\' + e
  }
  if (i >= line.length) throw new ImportError("A $'…' quote is not closed.")
  return [s, i]
}
