import { MAX_PAGE_SIZE, type ListQuery } from '@shared/model/capture'
/** Words shorter than this are matched whole: a prefix of one or two letters would merge a large part of the index. */
export const MIN_PREFIX = 3

/**
 * Turns what a user types into a safe FTS5 query: every whitespace-separated word becomes a
 * quoted phrase, all of them required, matched as a prefix from MIN_PREFIX letters or digits on
 * (so the cost of a query is bounded while typing). No FTS syntax reaches SQLite, so quotes,
 * parentheses or `NEAR` in the search box cannot make the query fail.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return null
  const prefix = (w: string): string => ((w.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= MIN_PREFIX ? '*' : '')
  return words.map((w) => `"${w.replace(/"/g, '""')}"${prefix(w)}`).join(' AND ')
}

const DEFAULT_PAGE = 100

export interface ListFilter {
  /** `captures c`, joined with the search index `f` when there is a search. */
  from: string
  /** The id column to range and order on: the index's rowid when searching, so FTS5 seeks and streams in order. */
  id: string
  where: string[]
  args: (string | number)[]
  limit: number
  /** The clause is on ids only: the narrow id index alone can count rows off. */
  narrow: boolean
  /** A search: `from` and `where` name the current index, and the same query runs over every generation. */
  search: boolean
}

/**
 * The rows a list query selects (newest first, keyset by id) and its page size. `floor` is the
 * highest id a Clear all hid (those rows are being deleted in the background).
 */
export function listFilter(query: ListQuery, floor = 0): ListFilter {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE_SIZE)
  const fts = query.search ? toFtsQuery(query.search) : null
  // Searching drives from the index: its rowid range bounds what it reads (a live search asks about new rows only).
  const id = fts ? 'f.rowid' : 'c.id'
  const where = [`${id} < ?`, `${id} > ?`]
  const args: (string | number)[] = [query.cursor ?? Number.MAX_SAFE_INTEGER, Math.max(floor, query.after ?? 0)]
  if (fts) {
    where.push('captures_fts MATCH ?')
    args.push(fts)
  }
  if (query.verdict) {
    where.push('c.verdict = ?')
    args.push(query.verdict)
  }
  if (query.endpointId !== undefined) {
    where.push('c.endpoint_id = ?')
    args.push(query.endpointId)
  }
  if (query.receivedAfter !== undefined) {
    where.push('c.received_at > ?')
    args.push(query.receivedAfter)
  }
  if (query.event !== undefined) {
    where.push('c.event = ?')
    args.push(query.event)
  }
  return {
    from: fts ? 'captures_fts f JOIN captures c ON c.id = f.rowid' : 'captures c',
    id,
    where,
    args,
    limit,
    narrow: where.length === 2,
    search: fts !== null
  }
}
