import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { tags as t } from '@lezer/highlight'

// Colours come from CSS variables so light and dark follow the app theme.
const highlight = HighlightStyle.define([
  { tag: t.propertyName, color: 'var(--syn-key)' },
  { tag: t.string, color: 'var(--syn-string)' },
  { tag: t.number, color: 'var(--syn-number)' },
  { tag: [t.bool, t.null], color: 'var(--syn-literal)' },
  { tag: [t.tagName, t.angleBracket], color: 'var(--syn-key)' },
  { tag: t.attributeName, color: 'var(--syn-number)' },
  { tag: t.attributeValue, color: 'var(--syn-string)' },
  { tag: [t.comment, t.lineComment], color: 'var(--muted)', fontStyle: 'italic' }
])

const base = EditorView.theme({
  '&': { fontSize: '12px', backgroundColor: 'var(--bg-code)', color: 'var(--fg)' },
  '&.cm-focused': { outline: '2px solid color-mix(in srgb, var(--accent) 45%, transparent)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--bg-code)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-hit)', outline: '1px solid var(--search-hit-border)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--search-hit-current)' },
  '.cm-panels': { backgroundColor: 'var(--bg-side)', color: 'var(--fg)', borderColor: 'var(--border)' },
  '.cm-panel.cm-search input, .cm-panel.cm-search button': { fontSize: '12px' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-hover)', border: 'none', color: 'var(--muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--bg-sel) !important' }
})

/** Hookscope's look for every CodeMirror view (viewer and editor); `size` sets the height bounds. */
export function hookscopeStyle(size: { minHeight?: string; maxHeight: string }): Extension {
  return [syntaxHighlighting(highlight), base, EditorView.theme({ '&': size })]
}

/** CodeMirror mounted in a shadow root: its styles become constructed stylesheets, so the CSP keeps forbidding inline <style>. */
export function shadowRootOf(el: HTMLElement): ShadowRoot {
  return el.shadowRoot ?? el.attachShadow({ mode: 'open' })
}
