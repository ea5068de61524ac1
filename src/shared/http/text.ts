const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The body as text when it is valid UTF-8, otherwise null (show it as hex). */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Classic hex dump: offset, 16 bytes, printable-ASCII column. `limit` bounds the work. */
export function hexDump(bytes: Uint8Array, limit = 64 * 1024): string {
  const end = Math.min(bytes.length, limit)
  const lines: string[] = []
  for (let off = 0; off < end; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, end))
    const cells: string[] = []
    let ascii = ''
    for (let i = 0; i < row.length; i++) {
      const b = row[i]!
      cells.push(HEX[b]!)
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
    }
    // 16 cells of "xx" with single spaces and a double space after the 8th: 48 columns.
    const hex = (cells.slice(0, 8).join(' ') + (cells.length > 8 ? '  ' + cells.slice(8).join(' ') : '')).padEnd(48)
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`)
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes not shown`)
  return lines.join('\n')
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / (1024 * 1024)).toFixed(1)} MB`
}
