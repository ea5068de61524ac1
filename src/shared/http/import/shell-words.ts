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
      if (end < 0) throw new Error('A single quote is not closed.')
      word = (word ?? '') + line.slice(i + 1, end)
      i = end
    } else if (ch === '$' && line[i + 1] === "'") {
      let s = ''
      i += 2
      for (; i < line.length && line[i] !== "'"; i++) {
        if (line[i] !== '\\') {
          s += line[i]
          continue
        }
        const e = line[++i] ?? ''
        if (e in ANSI_C) s += ANSI_C[e]
        else if (e === 'x') {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1))![0]
          s += String.fromCharCode(parseInt(hex, 16))
          i += hex.length
        } else if (e === 'u' || e === 'U') {
          const hex = new RegExp(`^[0-9a-fA-F]{1,${e === 'u' ? 4 : 8}}`).exec(line.slice(i + 1))![0]
          s += String.fromCodePoint(parseInt(hex, 16))
          i += hex.length
        } else if (/[0-7]/.test(e)) {
          const oct = /^[0-7]{1,3}/.exec(line.slice(i))![0]
          s += String.fromCharCode(parseInt(oct, 8))
          i += oct.length - 1
        } else s += '\\' + e
      }
      if (i >= line.length) throw new Error("A $'…' quote is not closed.")
      word = (word ?? '') + s
    } else if (ch === '"') {
      let s = ''
      for (i++; i < line.length && line[i] !== '"'; i++) {
        const c = line[i]!
        if (c === '$' || c === '`') throw new Error('The command uses shell expansion ($ or `) inside double quotes; paste it with the values filled in.')
        if (c === '\\' && /["\\$`\n]/.test(line[i + 1] ?? '')) {
          i++
          if (line[i] !== '\n') s += line[i]
        } else s += c
      }
      if (i >= line.length) throw new Error('A double quote is not closed.')
      word = (word ?? '') + s
    } else if (ch === '|' && line[i + 1] !== '|') {
      push()
      out.push({ pipe: true })
    } else if (/\s/.test(ch)) {
      push()
    } else if (ch === '$' || ch === '`' || ch === '<' || ch === '>' || ch === ';' || ch === '&') {
      throw new Error(`The command uses "${ch}" (shell expansion, redirection or a second command); paste a single curl command.`)
    } else {
      word = (word ?? '') + ch
    }
  }
  push()
  return out
}
