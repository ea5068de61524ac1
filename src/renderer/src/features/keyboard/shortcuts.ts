import { captureCurl } from '@shared/http/curl'
import type { AppState } from '../../store/types'

/**
 * Every keyboard shortcut, declared once: the window's key handler runs them and the `?` sheet lists
 * them. The keys follow what integrators know — j/k and arrows in lists (HTTP Toolkit, Gmail), `/` to
 * search, Esc to close, `?` for the list — and single letters act on the selected capture.
 */
export interface Shortcut {
  /** How the sheet shows the keys. */
  keys: string[]
  label: string
  group: 'Anywhere' | 'List' | 'Selected capture'
  /** Only while the captures are shown (the list and its detail). */
  captures?: boolean
  /** The key events it answers: `e.key` values, with Shift where it matters. */
  on?: string[]
  run?: (s: AppState) => void
}

function copyCurl(s: AppState): void {
  const url = s.status?.url
  if (!s.detail || !url) return s.say('Select a capture first (the listener must be running).')
  void navigator.clipboard.writeText(captureCurl(s.detail, url)).then(
    () => s.say(`Copied #${s.detail?.id} as curl`),
    () => s.say('The clipboard refused: use Copy as curl in the detail.')
  )
}

function compare(s: AppState): void {
  if (s.marked.length === 2) return s.openCompare(Math.min(...s.marked), Math.max(...s.marked))
  if (s.marked.length > 2) return s.say(`Compare takes two captures; ${s.marked.length} are selected.`)
  const id = s.selectedId
  if (id === null) return
  void s.compareWithPrevious(id).then((found) => {
    if (!found) s.say('No earlier delivery of this event to compare with.')
  })
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['?'], label: 'This list of shortcuts', group: 'Anywhere', on: ['?'], run: (s) => s.setOverlay('shortcuts') },
  {
    keys: ['/'],
    label: 'Search the captures (Enter or ↓ goes to the results)',
    group: 'Anywhere',
    on: ['/'],
    run: focusSearch
  },
  {
    keys: ['Esc'],
    label: 'Close the dialog, the comparison or the selection — wherever the focus is',
    group: 'Anywhere'
  },
  {
    keys: ['e'],
    label: 'Export the selected captures, or the list as filtered',
    group: 'Anywhere',
    captures: true,
    on: ['e'],
    run: (s) => s.setOverlay('export')
  },
  {
    keys: ['i'],
    label: 'Import a delivery (raw HTTP, curl, HAR)',
    group: 'Anywhere',
    captures: true,
    on: ['i'],
    run: (s) => s.setOverlay('import')
  },
  {
    keys: ['j', '↓'],
    label: 'Next capture',
    group: 'List',
    captures: true,
    on: ['j', 'ArrowDown'],
    run: (s) => s.moveSelection(1)
  },
  {
    keys: ['k', '↑'],
    label: 'Previous capture',
    group: 'List',
    captures: true,
    on: ['k', 'ArrowUp'],
    run: (s) => s.moveSelection(-1)
  },
  {
    keys: ['Shift+↓', 'Shift+↑'],
    label: 'Grow or shrink the selection',
    group: 'List',
    captures: true,
    on: ['Shift+ArrowDown', 'Shift+J'],
    run: (s) => void s.extendSelection(1)
  },
  {
    keys: [],
    label: '',
    group: 'List',
    captures: true,
    on: ['Shift+ArrowUp', 'Shift+K'],
    run: (s) => void s.extendSelection(-1)
  },
  {
    keys: ['Home', 'End'],
    label: 'Newest, oldest',
    group: 'List',
    captures: true,
    on: ['Home'],
    run: (s) => void s.selectIndex(0)
  },
  { keys: [], label: '', group: 'List', captures: true, on: ['End'], run: (s) => void s.selectIndex(s.total - 1) },
  {
    keys: ['x'],
    label: 'Add the capture to the selection, or take it out',
    group: 'List',
    captures: true,
    on: ['x'],
    run: markSelected
  },
  { keys: ['Shift+click', 'Ctrl/⌘+click'], label: 'Select a range; add one capture', group: 'List' },
  {
    keys: ['v'],
    label: 'Verify: go to the signature check',
    group: 'Selected capture',
    captures: true,
    on: ['v'],
    run: (s) => s.requestPanel('verify')
  },
  {
    keys: ['r'],
    label: 'Replay: open it, Enter sends',
    group: 'Selected capture',
    captures: true,
    on: ['r'],
    run: (s) => s.requestPanel('replay')
  },
  {
    keys: ['c'],
    label: 'Compare the two selected, or with the previous delivery',
    group: 'Selected capture',
    captures: true,
    on: ['c'],
    run: compare
  },
  { keys: ['y'], label: 'Copy as curl', group: 'Selected capture', captures: true, on: ['y'], run: copyCurl },
  {
    keys: ['p'],
    label: 'Pin or unpin (retention keeps pinned captures)',
    group: 'Selected capture',
    captures: true,
    on: ['p'],
    run: pin
  },
  {
    keys: ['Del'],
    label: 'Delete (Ctrl/⌘+Z undoes)',
    group: 'Selected capture',
    captures: true,
    on: ['Delete', 'Backspace'],
    run: remove
  }
]

function focusSearch(): void {
  document.querySelector<HTMLInputElement>('input.search')?.focus()
}

function markSelected(s: AppState): void {
  if (s.selectedId !== null) s.toggleMark(s.selectedId)
}

function pin(s: AppState): void {
  if (s.selectedId !== null) void s.togglePin(s.selectedId)
}

function remove(s: AppState): void {
  if (s.selectedId !== null) void s.deleteCapture(s.selectedId)
}

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'])

/** Keys typed here are text (or move a select's choice), not shortcuts; a checkbox or button is not. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type)
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable
}

function keyName(e: KeyboardEvent): string {
  // Shift+letter arrives as the capital (named Shift+J); `?` is typed with Shift on most layouts and is named as itself.
  return e.shiftKey && (e.key.startsWith('Arrow') || /^[A-Z]$/.test(e.key)) ? `Shift+${e.key}` : e.key
}

/**
 * The window's key handler. Esc closes what is on top wherever the focus is (a text field first lets
 * go of the focus); other shortcuts wait while the user types, a dialog is open, or a modifier is held.
 */
export function handleShortcut(e: KeyboardEvent, s: AppState): boolean {
  const dialogOpen = document.querySelector('dialog[open]') !== null
  if (e.key === 'Escape') {
    // An open dialog closes itself (the browser's cancel); a text field in the page lets go of the focus.
    if (dialogOpen || e.defaultPrevented) return false
    if (isTextEntry(e.target)) {
      ;(e.target as HTMLElement).blur()
      return true
    }
    if (s.compare) s.closeCompare()
    else if (s.marked.length) s.clearMarks()
    else return false
    return true
  }
  if (dialogOpen || isTextEntry(e.target) || e.metaKey || e.ctrlKey || e.altKey) return false
  const name = keyName(e)
  const shortcut = SHORTCUTS.find((k) => k.on?.includes(name))
  if (!shortcut?.run || (shortcut.captures && s.view !== 'captures')) return false
  // Keys that act on the list need the list: not while a comparison covers it (Esc first).
  if (shortcut.group !== 'Anywhere' && s.compare && shortcut.on?.[0] !== 'c') return false
  e.preventDefault()
  shortcut.run(s)
  return true
}
