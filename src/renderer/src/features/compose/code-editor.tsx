import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { json } from '@codemirror/lang-json'
import { bracketMatching, foldGutter } from '@codemirror/language'
import { search, searchKeymap } from '@codemirror/search'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { hookscopeStyle, shadowRootOf } from '../../ui/codemirror-style'

/**
 * Editable CodeMirror 6 for the composer body (JSON highlighting and folding in JSON mode).
 * In a shadow root like the viewer, so the CSP still forbids inline styles.
 */
export function CodeEditor({
  value,
  onChange,
  mode,
  label
}: {
  value: string
  onChange: (v: string) => void
  mode: 'json' | 'form' | 'raw'
  label: string
}) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  // A value pushed in from outside is not the user's edit: echoing it back would write an older draft over a newer one.
  const pushing = useRef(false)

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      highlightSpecialChars(),
      bracketMatching(),
      search({ top: true }),
      keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap]),
      hookscopeStyle({ minHeight: '140px', maxHeight: '40vh' }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !pushing.current) onChangeRef.current(u.state.doc.toString())
      })
    ]
    if (mode === 'json') extensions.push(json(), foldGutter())
    const root = shadowRootOf(host.current!)
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
    if (!v || v.state.doc.toString() === value) return
    pushing.current = true
    try {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } })
    } finally {
      pushing.current = false
    }
  }, [value])

  return <div ref={host} className="code-view" data-testid="body-editor" />
}
