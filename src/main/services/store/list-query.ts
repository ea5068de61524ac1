import { MAX_PAGE_SIZE, type ListQuery } from '@shared/model/capture'
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

const DEFAULT_PAGE = 100

/** The WHERE clause of a list page (newest first, keyset by id) and its page size. */
export function listFilter(query: ListQuery): { where: string[]; args: (string | number)[]; limit: number } {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE_SIZE)
  const cursor = query.cursor ?? Number.MAX_SAFE_INTEGER
  const fts = query.search ? toFtsQuery(query.search) : null
  const where = ['id < ?']
  const args: (string | number)[] = [cursor]
  if (query.after !== undefined) {
    where.push('id > ?')
    args.push(query.after)
  }
  if (fts) {
    // With `after`, the index is asked only about the new rows (FTS5 seeks on a rowid range).
    where.push(`id IN (SELECT rowid FROM captures_fts WHERE captures_fts MATCH ?${query.after !== undefined ? ' AND rowid > ?' : ''})`)
    args.push(fts, ...(query.after !== undefined ? [query.after] : []))
  }
  if (query.verdict) {
    where.push('verdict = ?')
    args.push(query.verdict)
  }
  if (query.endpointId !== undefined) {
    where.push('endpoint_id = ?')
    args.push(query.endpointId)
  }
  if (query.event !== undefined) {
    where.push('event = ?')
    args.push(query.event)
  }
  return { where, args, limit }
}
