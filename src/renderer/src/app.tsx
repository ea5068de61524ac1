import { lazy, Suspense, useEffect } from 'react'
import { tokenMissing } from './api'
import { CaptureDetail } from './features/captures/capture-detail'
import { CaptureList } from './features/captures/capture-list'
import { EmptyState } from './features/captures/empty-state'
import { Sidebar } from './features/captures/sidebar'
import { Toolbar } from './features/captures/toolbar'
import { useAppStore } from './store'
import type { View } from './store/types'
import { VaultLockBanner } from './features/vault/vault-lock-banner'
import { ReconnectBanner } from './features/connection/reconnect-banner'
import { UndoToast } from './ui/undo-toast'
import { ResizeHandle, useStoredWidth } from './ui/resize-handle'
import { Notice } from './ui/notice'
import { handleShortcut } from './features/keyboard/shortcuts'
import { ShortcutSheet } from './features/keyboard/shortcut-sheet'
import { ExportDialog } from './features/export/export-dialog'
import { ImportDialog } from './features/import/import-dialog'
import { SelectionPane } from './features/captures/selection-pane'
// Views other than the captures are their own chunks (the composer's editor, the schemes' checks…): the
// first paint does not wait for them, and they are fetched while the browser is idle after it.
const LOADERS = {
  keys: () => import('./features/keys/keys-view').then((m) => ({ default: m.KeysView })),
  endpoints: () => import('./features/endpoints/endpoints-view').then((m) => ({ default: m.EndpointsView })),
  schemes: () => import('./features/schemes/schemes-view').then((m) => ({ default: m.SchemesView })),
  settings: () => import('./features/settings/settings-view').then((m) => ({ default: m.SettingsView })),
  compose: () => import('./features/compose/compose-view').then((m) => ({ default: m.ComposeView })),
  diff: () => import('./features/diff/diff-view').then((m) => ({ default: m.DiffView })),
  code: () => import('./features/inspect/code-view')
}
const KeysView = lazy(LOADERS.keys)
const EndpointsView = lazy(LOADERS.endpoints)
const SchemesView = lazy(LOADERS.schemes)
const SettingsView = lazy(LOADERS.settings)
const ComposeView = lazy(LOADERS.compose)
const DiffView = lazy(LOADERS.diff)

function prefetchViews(): void {
  const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200))
  idle(() => Object.values(LOADERS).forEach((load) => void load().catch(() => undefined)))
}
/**
 * The first requests go out before React's first render, so the newest rows are on their way while the
 * page draws; the other views' code is fetched once those rows are in.
 */
export function startApp(): void {
  const s = useAppStore.getState()
  void s.refreshStatus()
  void s.loadFirstPage().finally(prefetchViews)
  void s.refreshSetup()
}

/** What the detail pane shows for each view; the captures view shows a comparison while one is open. */
const PANES: Record<View, React.ComponentType> = {
  captures: CaptureDetail,
  compose: ComposeView,
  keys: KeysView,
  endpoints: EndpointsView,
  schemes: SchemesView,
  settings: SettingsView
}

function Route({ view, comparing, several }: { view: View; comparing: boolean; several: boolean }) {
  const Pane = view !== 'captures' ? PANES[view] : comparing ? DiffView : several ? SelectionPane : PANES[view]
  return (
    <Suspense fallback={<div className="detail-empty muted">Loading…</div>}>
      <Pane />
    </Suspense>
  )
}

export function App() {
  const hasItems = useAppStore((s) => s.total > 0 || s.items.length > 0)
  const view = useAppStore((s) => s.view)
  const comparing = useAppStore((s) => s.compare !== null)
  const several = useAppStore((s) => s.marked.length > 1)
  const overlay = useAppStore((s) => s.overlay)
  const setOverlay = useAppStore((s) => s.setOverlay)
  const [listWidth, setListWidth] = useStoredWidth('pane.list')

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void handleShortcut(e, useAppStore.getState())
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (tokenMissing) {
    return (
      <div className="token-missing">
        <h1>Hookscope</h1>
        <p>
          This page needs the link printed by <code>hookscope serve</code> — it carries a one-time token for this
          launch.
        </p>
      </div>
    )
  }

  return (
    <div className="app" style={listWidth ? ({ '--w-list': `${listWidth}px` } as React.CSSProperties) : undefined}>
      <Sidebar />
      <main className="list-pane">
        <ReconnectBanner />
        <VaultLockBanner />
        <Toolbar />
        {hasItems ? <CaptureList /> : <EmptyState />}
        <ResizeHandle label="Resize the list" min={360} max={1600} onResize={setListWidth} />
      </main>
      <section className="detail-pane" aria-label="Request detail">
        <Route view={view} comparing={comparing} several={several} />
      </section>
      <UndoToast />
      <Notice />
      {overlay === 'shortcuts' && <ShortcutSheet onClose={() => setOverlay(null)} />}
      {overlay === 'export' && <ExportDialog onClose={() => setOverlay(null)} />}
      {overlay === 'import' && <ImportDialog onClose={() => setOverlay(null)} />}
    </div>
  )
}
