import { useModal } from '../../ui/use-modal'
import { SHORTCUTS, type Shortcut } from './shortcuts'

const GROUPS: Shortcut['group'][] = ['Anywhere', 'List', 'Selected capture']

/** `?`: every shortcut, from the table the key handler runs. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const ref = useModal()
  return (
    <dialog
      ref={ref}
      className="dialog shortcut-sheet"
      aria-label="Keyboard shortcuts"
      data-testid="shortcut-sheet"
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="section-bar">
        <h2 className="setup-title">Keyboard shortcuts</h2>
        <button type="button" className="btn btn-small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <div className="shortcut-groups">
        {GROUPS.map((g) => (
          <section key={g}>
            <h3 className="section-title">{g}</h3>
            <dl>
              {SHORTCUTS.filter((k) => k.group === g && k.keys.length > 0).map((k) => (
                <div key={k.label} className="shortcut">
                  <dt>
                    {k.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && <span className="muted"> / </span>}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{k.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  )
}
