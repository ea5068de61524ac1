import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef, useState } from 'react'
import { parseJsonTree, type JsonNode } from '@shared/decode/json-tree'
import { CopyButton } from '../../ui/copy-button'
import { ShownText } from '../../ui/shown-text'

/** The tree is built on the UI thread; beyond this the Pretty view is the way to read it. */
export const TREE_TEXT_LIMIT = 4 * 1024 * 1024
const ROW = 22

interface Row {
  node: JsonNode
  depth: number
}

function flatten(root: JsonNode, expanded: Set<string>): Row[] {
  const rows: Row[] = []
  const stack: Row[] = [{ node: root, depth: 0 }]
  while (stack.length) {
    const r = stack.pop()!
    rows.push(r)
    if (r.node.children && expanded.has(r.node.path)) {
      for (let i = r.node.children.length - 1; i >= 0; i--)
        stack.push({ node: r.node.children[i]!, depth: r.depth + 1 })
    }
  }
  return rows
}

function preview(n: JsonNode): string {
  if (n.type === 'object') return `{${n.children!.length}}`
  if (n.type === 'array') return `[${n.children!.length}]`
  if (n.type === 'string') return JSON.stringify(n.value)
  return n.value!
}

/** A value for the clipboard: strings unquoted, containers as compact JSON with numbers verbatim. */
export function copyText(n: JsonNode): string {
  if (!n.children) return n.value!
  const out: string[] = []
  const stack: { node: JsonNode; i: number }[] = []
  const enter = (x: JsonNode): void => {
    if (x.children) {
      out.push(x.type === 'object' ? '{' : '[')
      stack.push({ node: x, i: 0 })
    } else out.push(x.type === 'string' ? JSON.stringify(x.value) : x.value!)
  }
  enter(n)
  while (stack.length) {
    const f = stack[stack.length - 1]!
    const kids = f.node.children!
    if (f.i >= kids.length) {
      out.push(f.node.type === 'object' ? '}' : ']')
      stack.pop()
      continue
    }
    if (f.i > 0) out.push(',')
    const k = kids[f.i++]!
    if (f.node.type === 'object') out.push(JSON.stringify(k.key) + ':')
    enter(k)
  }
  return out.join('')
}

export function JsonTree({ text }: { text: string }) {
  const parsed = useMemo(() => {
    try {
      return { root: parseJsonTree(text, 300_000), error: null }
    } catch (err) {
      return { root: null, error: (err as Error).message }
    }
  }, [text])
  const [expanded, setExpanded] = useState<Set<string>>(
    () => new Set([''].concat(parsed.root?.children?.filter((c) => c.children).map((c) => c.path) ?? []))
  )
  const [selected, setSelected] = useState<JsonNode | null>(null)
  const rows = useMemo(() => (parsed.root ? flatten(parsed.root, expanded) : []), [parsed.root, expanded])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 20
  })

  if (!parsed.root) return <p className="muted small">Tree view unavailable: {parsed.error}</p>
  const toggle = (n: JsonNode): void => {
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(n.path)) next.delete(n.path)
      else next.add(n.path)
      return next
    })
  }
  return (
    <div className="tree">
      <div className="tree-bar">
        <code className="tree-path" data-testid="tree-path">
          {selected ? selected.path || '(root)' : 'Select a value'}
        </code>
        {selected && <CopyButton text={() => selected.path} label="Copy path" />}
        {selected && <CopyButton text={() => copyText(selected)} label="Copy value" />}
      </div>
      <div className="tree-scroll" ref={scrollRef} role="tree" aria-label="JSON tree">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const { node, depth } = rows[v.index]!
            const open = expanded.has(node.path)
            return (
              <div
                key={node.path + ':' + v.index}
                role="treeitem"
                aria-expanded={node.children ? open : undefined}
                aria-selected={selected === node}
                className={`tree-row${selected === node ? ' selected' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, paddingLeft: 6 + Math.min(depth, 40) * 14 }}
                onClick={() => {
                  setSelected(node)
                  if (node.children) toggle(node)
                }}
              >
                <span className="tree-toggle">{node.children ? (open ? '▾' : '▸') : ''}</span>
                {node.key !== null && (
                  <span className="tree-key">
                    {typeof node.key === 'number' ? node.key : <ShownText text={node.key} />}
                  </span>
                )}
                {node.key !== null && <span className="muted">: </span>}
                <span className={`tree-val tv-${node.type}`}>
                  <ShownText text={preview(node)} />
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
