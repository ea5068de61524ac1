import { formatJson } from './json'
import { analyzeLayer, resolveChain, type ChildRef, type LayerKind } from './layers'
import type { FormField } from './form'
import { formatXml } from './xml'

/** Above this many characters a layer is not pretty-printed (Raw and Hex still work). */
export const PRETTY_LIMIT = 48 * 1024 * 1024

export interface PartSummary {
  index: number
  name: string | null
  filename: string | null
  contentType: string | null
  size: number
}

/** What the UI shows for the chosen layer: plain data, so a worker can compute it. */
export interface LayerView {
  crumbs: string[]
  /** Keys followed from the root to reach this layer. */
  path: string[]
  kind: LayerKind
  label: string
  charset: string
  invalidUtf8: boolean
  note: string | null
  /** Exact text of the layer (null for binary/multipart). */
  raw: string | null
  /** Pretty text and its language, when it can be pretty-printed. */
  pretty: string | null
  language: 'json' | 'xml' | null
  fields: FormField[] | null
  parts: PartSummary[] | null
  children: ChildRef[]
  /** The layer's bytes (hex view, downloads). */
  bytes: Uint8Array
}

function pretty(
  kind: LayerKind,
  text: string | null,
  maxChars: number
): { pretty: string | null; language: 'json' | 'xml' | null; note: string | null } {
  if (text === null) return { pretty: null, language: null, note: null }
  if (text.length > PRETTY_LIMIT)
    return {
      pretty: null,
      language: null,
      note: `Too large to pretty-print (${(text.length / 1024 / 1024).toFixed(0)} MB): showing Raw.`
    }
  try {
    if (kind === 'json') return { pretty: formatJson(text, 2, maxChars), language: 'json', note: null }
    if (kind === 'ndjson')
      return {
        pretty: text
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l) => formatJson(l))
          .join('\n\n'),
        language: 'json',
        note: null
      }
    if (kind === 'xml') return { pretty: formatXml(text), language: 'xml', note: null }
  } catch (err) {
    return { pretty: null, language: null, note: `Could not pretty-print: ${(err as Error).message}. Showing Raw.` }
  }
  return { pretty: null, language: null, note: null }
}

/**
 * Decodes a body down `path` (or the automatic default) and prepares the chosen layer for
 * display. Pure, and heavy for big bodies: the renderer runs it in a worker.
 */
export function presentLayer(
  bytes: Uint8Array,
  contentType: string | null,
  encodings: string[],
  path?: string[],
  /** Where a caller that shows only the start (the CLI) may stop pretty-printing JSON. */
  options: { prettyChars?: number } = {}
): LayerView {
  const root = analyzeLayer(bytes, contentType)
  const chain = resolveChain(root, encodings, path)
  const layer = chain.layers[chain.layers.length - 1]!
  // The keys taken, read back from the crumbs: [...encodings, rootLabel, key1, label1, key2, label2…]
  const keys: string[] = []
  for (let i = encodings.length + 1; i < chain.crumbs.length; i += 2) keys.push(chain.crumbs[i]!)
  const p = pretty(layer.kind, layer.text, options.prettyChars ?? Infinity)
  if (layer.kind === 'jwt' && layer.jwt) {
    p.pretty =
      `// header\n${safeFormat(layer.jwt.header)}\n\n// ` +
      `payload\n${safeFormat(layer.jwt.payload)}\n\n// signature (not verified)\n${layer.jwt.signature}`
    p.language = 'json'
  }
  return {
    crumbs: chain.crumbs,
    path: keys,
    kind: layer.kind,
    label: layer.label,
    charset: layer.charset,
    invalidUtf8: layer.invalidUtf8,
    note: [layer.note, p.note].filter(Boolean).join(' ') || null,
    raw: layer.text,
    pretty: p.pretty,
    language: p.language,
    fields: layer.fields ?? null,
    parts:
      layer.parts?.map((part, index) => ({
        index,
        name: part.name,
        filename: part.filename,
        contentType: part.contentType,
        size: part.body.length
      })) ?? null,
    children: layer.children,
    bytes: layer.bytes
  }
}

function safeFormat(text: string): string {
  try {
    return formatJson(text)
  } catch {
    return text
  }
}
