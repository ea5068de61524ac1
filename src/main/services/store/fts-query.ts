/**
 * Turns what a user types into a safe FTS5 query: every whitespace-separated word becomes a
 * quoted phrase with a prefix match, all of them required. No FTS syntax reaches SQLite, so
 * quotes, parentheses or `NEAR` in the search box cannot make the query fail.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return null
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ')
}
