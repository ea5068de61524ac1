import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { json } from '@codemirror/lang-json'
import { bracketMatching, foldGutter, syntaxHighlighting, HighlightStyle } from '@codemirror/language'
import { search, searchKeymap } from '@codemirror/search'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view'
import { tags as t } from '@lezer/highlight'
import { useEffect, useRef } from 'react'

const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: 'var(--syn-key)' },
  { tag: t.string, color: 'var(--syn-string)' },
  { tag: t.number, color: 'var(--syn-number)' },
  { tag: [t.bool, t.null], color: 'var(--syn-literal)' }
])

const theme = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: 'var(--bg-code)', color: 'var(--fg)', minHeight: '140px', maxHeight: '40vh' },
  '&.cm-focused': { outline: '2px solid color-mix(in srgb, var(--accent) 45%, transparent)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-code)', color: 'var(--muted)', border: 'none' }
})

/**
 * Editable CodeMirror 6 for the composer body (JSON highlighting and folding in JSON mode).
 * In a shadow root like the viewer, so the CSP still forbids inline styles.
 */
export function CodeEditor({ value, onChange, mode, label }: { value: string; onChange: (v: string) => void; mode: 'json' | 'form' | 'raw'; label: string }) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      highlightSpecialChars(),
      bracketMatching(),
      search({ top: true }),
      keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      syntaxHighlighting(highlight),
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChangeRef.current(u.state.doc.toString())
      })
    ]
    if (mode === 'json') extensions.push(json(), foldGutter())
    const el = host.current!
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' })
    const v = new EditorView({ state: EditorState.create({ doc: value, extensions }), parent: root, root })
    view.current = v
    return () => {
      v.destroy()
      view.current = null
    }
    // The editor owns its text; outside changes are pushed in by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, label])

  useEffect(() => {
    const v = view.current
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } })
  }, [value])

  return <div ref={host} className="code-view" data-testid="body-editor" />
}
