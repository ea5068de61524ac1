import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { LayerView } from '@shared/decode/present'
import { ShownText } from '../../ui/shown-text'
import { formatBytes, hexDump } from '@shared/http/text'
import { CopyButton } from '../../ui/copy-button'

// CodeMirror loads with the first body that needs it; until then the text shows as plain text.
const LazyCodeView = lazy(() => import('./code-view').then((m) => ({ default: m.CodeView })))
function CodeView(props: { text: string; language: 'json' | 'xml' | null; testId?: string }) {
  return (
    <Suspense
      fallback={
        <pre className="body-text">
          <ShownText text={props.text.slice(0, 64 * 1024)} />
        </pre>
      }
    >
      <LazyCodeView {...props} />
    </Suspense>
  )
}
import { JsonTree, TREE_TEXT_LIMIT } from './json-tree'
import { useLayerView } from './use-layer-view'
import { FieldsTable, PartsTable } from './layer-tables'

type Tab = 'pretty' | 'tree' | 'raw' | 'hex' | 'fields' | 'parts'
const RAW_EDITOR_LIMIT = 2 * 1024 * 1024

function tabsFor(v: LayerView): Tab[] {
  const tabs: Tab[] = []
  if (v.fields) tabs.push('fields')
  if (v.parts) tabs.push('parts')
  if (v.pretty !== null) tabs.push('pretty')
  if (v.kind === 'json' && v.raw !== null && v.raw.length <= TREE_TEXT_LIMIT) tabs.push('tree')
  if (v.raw !== null) tabs.push('raw')
  tabs.push('hex')
  return tabs
}

const TAB_LABEL: Record<Tab, string> = {
  pretty: 'Pretty',
  tree: 'Tree',
  raw: 'Raw',
  hex: 'Hex',
  fields: 'Fields',
  parts: 'Parts'
}

function HexView({ bytes }: { bytes: Uint8Array }) {
  const [limit, setLimit] = useState(64 * 1024)
  const dump = useMemo(() => hexDump(bytes, limit), [bytes, limit])
  return (
    <>
      <pre className="body-text hex" data-testid="hex-view">
        {dump}
      </pre>
      {bytes.length > limit && (
        <button type="button" className="btn btn-small" onClick={() => setLimit((l) => l * 4)}>
          Show more ({formatBytes(bytes.length - limit)} left)
        </button>
      )}
    </>
  )
}

function RawView({ text }: { text: string }) {
  if (text.length <= RAW_EDITOR_LIMIT) return <CodeView text={text} language={null} testId="raw-view" />
  return (
    <>
      <p className="muted small">
        Showing the first 1 MB of {formatBytes(text.length)} as plain text; Hex and Copy have all of it.
      </p>
      <pre className="body-text" data-testid="raw-view">
        {text.slice(0, 1024 * 1024)}
      </pre>
    </>
  )
}

export function BodyInspector({
  bytes,
  contentType,
  encodings,
  decodeError
}: {
  bytes: Uint8Array
  contentType: string | null
  encodings: string[]
  decodeError: string | null
}) {
  const [path, setPath] = useState<string[] | undefined>(undefined)
  const [tab, setTab] = useState<Tab | null>(null)
  useEffect(() => {
    setPath(undefined)
    setTab(null)
  }, [bytes])
  const { view, loading, error } = useLayerView(bytes, contentType, encodings, path)

  if (error) return <p className="error-text small">Could not decode the body: {error}</p>
  if (!view) return <p className="muted small">Decoding…</p>
  const tabs = tabsFor(view)
  const active = tab && tabs.includes(tab) ? tab : tabs[0]!
  const rootCrumbs = encodings.length + 1
  const goTo = (depth: number): void => {
    setPath(view.path.slice(0, depth))
    setTab(null)
  }

  return (
    <div className="inspector" data-testid="inspector" aria-busy={loading}>
      <div className="inspector-bar">
        <Crumbs view={view} rootCrumbs={rootCrumbs} goTo={goTo} />
        <div className="tabs" role="tablist">
          {tabs.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === active}
              className={`tab${t === active ? ' active' : ''}`}
              onClick={() => setTab(t)}
            >
              {TAB_LABEL[t]}
            </button>
          ))}
        </div>
        {view.raw !== null && (
          <CopyButton text={() => (active === 'pretty' && view.pretty ? view.pretty : view.raw!)} label="Copy" />
        )}
      </div>
      {(view.note || decodeError) && <p className="note small">{[decodeError, view.note].filter(Boolean).join(' ')}</p>}
      {loading && <p className="muted small">Decoding…</p>}
      <Nested view={view} open={(key) => setPath([...view.path, key])} />
      <div className="inspector-body">
        {active === 'pretty' && view.pretty !== null && (
          <CodeView text={view.pretty} language={view.language} testId="pretty-view" />
        )}
        {active === 'tree' && view.raw !== null && <JsonTree text={view.raw} />}
        {active === 'raw' && view.raw !== null && <RawView text={view.raw} />}
        {active === 'hex' && <HexView bytes={view.bytes} />}
        {active === 'fields' && view.fields && (
          <FieldsTable view={view} fields={view.fields} open={(key) => setPath([...view.path, key])} />
        )}
        {active === 'parts' && view.parts && <PartsTable view={view} parts={view.parts} contentType={contentType} />}
      </div>
    </div>
  )
}

/** The layers found inside this one (up to 12 shown), each a way in. */
function Nested({ view, open }: { view: LayerView; open: (key: string) => void }) {
  if (view.children.length === 0) return null
  return (
    <div className="nested small" data-testid="nested">
      <span className="muted">Nested:</span>
      {view.children.slice(0, 12).map((c) => (
        <button
          key={c.key}
          type="button"
          className="btn btn-small"
          onClick={() => open(c.key)}
          title={`Open ${c.key} (${c.how})`}
        >
          {c.key} <span className="muted">({c.how})</span> ↘
        </button>
      ))}
      {view.children.length > 12 && <span className="muted">+{view.children.length - 12} more</span>}
    </div>
  )
}

/** The decoding chain: each layer, and the keys opened into; an earlier one is a way back. */
function Crumbs({ view, rootCrumbs, goTo }: { view: LayerView; rootCrumbs: number; goTo: (depth: number) => void }) {
  return (
    <nav className="crumbs" aria-label="Decoding chain" data-testid="breadcrumb">
      {view.crumbs.map((c, i) => {
        const depth = i < rootCrumbs ? 0 : Math.floor((i - rootCrumbs) / 2) + 1
        const isKey = i >= rootCrumbs && (i - rootCrumbs) % 2 === 0
        const last = i === view.crumbs.length - 1
        return (
          <span key={i} className="crumb-wrap">
            {i > 0 && <span className="crumb-sep">→</span>}
            {isKey || (i === rootCrumbs - 1 && view.path.length > 0) ? (
              <button
                type="button"
                className={`crumb${isKey ? ' crumb-key' : ''}`}
                onClick={() => goTo(isKey ? depth - 1 : 0)}
                title="Back to this layer"
              >
                {c}
              </button>
            ) : (
              <span className={`crumb${last ? ' crumb-current' : ''}`}>{c}</span>
            )}
          </span>
        )
      })}
    </nav>
  )
}
