/**
 * Makes invisible or text-reordering characters visible as escapes, so a payload cannot hide or
 * reorder what a person reads: C0/C1 controls (terminal escapes among them), DEL, bidirectional
 * overrides and isolates (U+202A–202E, U+2066–2069, marks), zero-width characters and the BOM.
 * Tab and line feed stay as they are; CR stays only as part of CRLF.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\ufff9-\ufffb]|\r(?!\n)/g

export function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0)!
  return cp <= 0xff
    ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`
}

/** The text with hidden characters replaced by `\xNN` / `\uNNNN` escapes. */
export function visible(text: string): string {
  return text.replace(HIDDEN, escapeChar)
}

/** JSON text with the same characters written as `\uNNNN` escapes (still valid JSON, same value). */
export function visibleJson(json: string): string {
  return json.replace(HIDDEN, (ch) =>
    ch === '\r' ? '\\r' : `\\u${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  )
}

export interface VisiblePart {
  text: string
  /** True for an escape that stands for a hidden character (shown styled). */
  escaped: boolean
}

/** The text split into plain runs and escapes, for views that style the escapes. */
export function visibleParts(text: string): VisiblePart[] {
  const parts: VisiblePart[] = []
  let last = 0
  for (const m of text.matchAll(HIDDEN)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), escaped: false })
    parts.push({ text: escapeChar(m[0]), escaped: true })
    last = m.index + m[0].length
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), escaped: false })
  return parts
}
