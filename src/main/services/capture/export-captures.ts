import {
  captureToHttpFile,
  captureToNdjson,
  HAR_CLOSE,
  harEntryText,
  harOpen,
  type ExportFormat,
  type ExportOptions
} from '@shared/http/export'
import type { CapturedRequest, CapturePage, ListQuery } from '@shared/model/capture'
import type { ExportFilter, ExportPage, ExportRequest } from '@shared/api/contract'

/** What an export reads: the store's list, count and bodies (the reader thread in the app, the file in the CLI). */
export interface ExportSource {
  list(query: ListQuery): Promise<CapturePage>
  count(query: ListQuery): Promise<number>
  getMany(ids: number[]): Promise<CapturedRequest[]>
}

/** A page ends once its text passes this; a large export is many pages, so the host never holds it whole. */
const PAGE_TEXT = 8 * 1024 * 1024
/** Bodies fetched together: by summed size for a filter (summaries carry it), by count for chosen ids. */
const GROUP_BYTES = 4 * 1024 * 1024
const GROUP_IDS = 4
const LIST_ROWS = 200

/** The ids still to export after `after`, oldest first, in groups whose bodies fit in memory together. */
async function* groups(
  src: ExportSource,
  req: ExportRequest,
  after: number,
  groupBytes: number
): AsyncGenerator<number[]> {
  if (req.ids) {
    const ids = [...new Set(req.ids)].filter((id) => id > after).sort((a, b) => a - b)
    for (let i = 0; i < ids.length; i += GROUP_IDS) yield ids.slice(i, i + GROUP_IDS)
    return
  }
  let last = after
  for (;;) {
    // The oldest rows after the last one taken (the page comes newest first: reversed).
    const page = await src.list({ ...filterQuery(req.filter), after: last, fromOldest: true, limit: LIST_ROWS })
    const rows = page.items.slice().reverse()
    let group: number[] = []
    let bytes = 0
    for (const r of rows) {
      if (group.length > 0 && bytes + r.bodySize > groupBytes) {
        yield group
        group = []
        bytes = 0
      }
      group.push(r.id)
      bytes += r.bodySize
    }
    if (group.length) yield group
    if (rows.length < LIST_ROWS) return
    last = rows[rows.length - 1]!.id
  }
}

function filterQuery(f: ExportFilter | undefined): ListQuery {
  const q: ListQuery = {}
  if (f?.search?.trim()) q.search = f.search
  if (f?.verdict) q.verdict = f.verdict
  if (f?.endpointId !== undefined) q.endpointId = f.endpointId
  if (f?.event !== undefined) q.event = f.event
  return q
}

function entry(format: ExportFormat, c: CapturedRequest, opts: ExportOptions): string {
  if (format === 'ndjson') return captureToNdjson(c, opts) + '\n'
  if (format === 'http') return captureToHttpFile(c, opts)
  return harEntryText(c, opts)
}

/**
 * One page of an export: the chosen captures (or those a filter selects, or all), oldest first, as
 * text of the asked format, redacted unless `includeSecrets`. Ask again with the returned cursor until
 * it is null; the pages joined are the file (a HAR's opening comes with the first, its close with the
 * last). `total` is given on the first page.
 */
export async function exportPage(
  src: ExportSource,
  req: ExportRequest,
  version: string,
  pageText = PAGE_TEXT
): Promise<ExportPage> {
  const first = req.cursor === undefined || req.cursor === null
  const opts: ExportOptions = { includeSecrets: req.includeSecrets === true }
  const total = first ? (req.ids ? new Set(req.ids).size : await src.count(filterQuery(req.filter))) : null
  const parts: string[] = first && req.format === 'har' ? [harOpen(version)] : []
  let size = 0
  let exported = 0
  let cursor = req.cursor ?? 0
  for await (const ids of groups(src, req, cursor, Math.min(GROUP_BYTES, pageText))) {
    for (const c of await src.getMany(ids)) {
      const text = entry(req.format, c, opts)
      // A HAR's entries are separated by commas: every one but the export's first has one before it.
      if (req.format === 'har' && !(first && exported === 0)) parts.push(',\n')
      parts.push(text)
      size += text.length
      exported++
    }
    cursor = ids[ids.length - 1]!
    if (size >= pageText) return { text: parts.join(''), exported, total, cursor }
  }
  if (req.format === 'har') parts.push(HAR_CLOSE)
  return { text: parts.join(''), exported, total, cursor: null }
}
