/** Indents XML by tag structure without parsing entities or fetching anything (no DTDs, no XXE). */
export function formatXml(text: string, indent = 2): string {
  const tokens = text.match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<\/?[^>]+>|[^<]+/g) ?? []
  const out: string[] = []
  let depth = 0
  // Indentation stops growing past 32 levels, as in formatJson: hostile deep input stays linear.
  const pad = (): string => ' '.repeat(Math.min(depth, 32) * indent)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (/^\s+$/.test(t)) continue
    if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1)
      out.push(pad() + t)
    } else if (t.startsWith('<') && !t.startsWith('<!') && !t.startsWith('<?') && !t.endsWith('/>')) {
      // <a>text</a> stays on one line.
      const text1 = tokens[i + 1]
      const close = tokens[i + 2]
      if (text1 && !text1.startsWith('<') && close?.startsWith('</')) {
        out.push(pad() + t + text1.trim() + close)
        i += 2
        continue
      }
      out.push(pad() + t)
      depth++
    } else {
      out.push(pad() + t.trim())
    }
  }
  return out.join('\n')
}

export function looksLikeXml(text: string): boolean {
  const t = text.trimStart()
  return t.startsWith('<?xml') || /^<[A-Za-z_][\w:.-]*[\s>/]/.test(t)
}

/**
 * The text of the first `<name>text</name>` or `<name><![CDATA[text]]></name>` in an XML body, found
 * by plain search: the element name comes from a scheme definition, never compiled into a pattern.
 */
export function xmlElementText(xml: string, name: string): string | null {
  const open = `<${name}>`
  const close = `</${name}>`
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + 1)) {
    const start = at + open.length
    if (xml.startsWith('<![CDATA[', start)) {
      const end = xml.indexOf(`]]>${close}`, start + 9)
      if (end >= 0) return xml.slice(start + 9, end)
    }
    const lt = xml.indexOf('<', start)
    if (lt >= 0 && xml.startsWith(close, lt)) return xml.slice(start, lt)
  }
  return null
}
