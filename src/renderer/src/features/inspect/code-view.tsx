import { defaultKeymap } from '@codemirror/commands'
import { json } from '@codemirror/lang-json'
import { xml } from '@codemirror/lang-xml'
import { foldGutter, foldKeymap } from '@codemirror/language'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { hookscopeStyle, shadowRootOf } from '../../ui/codemirror-style'

const CHUNK = 512 * 1024

/** End of the chunk starting at `from`: about CHUNK characters, cut just after a newline. */
function chunkEnd(text: string, from: number): number {
  if (text.length - from <= CHUNK) return text.length
  const nl = text.indexOf('\n', from + CHUNK)
  return nl < 0 ? text.length : nl + 1
}

/**
 * Read-only CodeMirror 6: virtualised rendering of large text, folding, Ctrl/Cmd+F search
 * with highlights. Text goes in as a document (text nodes), never as HTML. It lives in a
 * shadow root so its styles are constructed stylesheets: the CSP keeps forbidding inline <style>.
 */
export function CodeView({
  text,
  language,
  testId
}: {
  text: string
  language: 'json' | 'xml' | null
  testId?: string
}) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const extensions: Extension[] = [
      EditorState.readOnly.of(true),
      lineNumbers(),
      foldGutter(),
      highlightSpecialChars(),
      highlightSelectionMatches(),
      search({ top: true }),
      keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
      hookscopeStyle({ maxHeight: '62vh' }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Body', spellcheck: 'false' })
    ]
    if (language === 'json') extensions.push(json())
    if (language === 'xml') extensions.push(xml())
    const root = shadowRootOf(host.current!)
    // Building a document of millions of lines takes half a second in one go; start with the
    // first chunk and append the rest in small tasks so clicks are answered meanwhile.
    const first = chunkEnd(text, 0)
    const view = new EditorView({
      state: EditorState.create({ doc: text.slice(0, first), extensions }),
      parent: root,
      root
    })
    let at = first
    let timer: ReturnType<typeof setTimeout> | null = null
    const appendNext = (): void => {
      if (at >= text.length) return
      const end = chunkEnd(text, at)
      view.dispatch({ changes: { from: view.state.doc.length, insert: text.slice(at, end) } })
      at = end
      timer = setTimeout(appendNext, 0)
    }
    if (at < text.length) timer = setTimeout(appendNext, 0)
    return () => {
      if (timer) clearTimeout(timer)
      view.destroy()
    }
  }, [text, language])
  return <div ref={host} className="code-view" data-testid={testId} />
}
