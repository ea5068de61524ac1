import { useMemo, useState } from 'react'
import { CodegenUnsupported, LANGUAGES, receiverCode, type Language } from '@shared/receiver-code'
import type { SchemeDefinition } from '@shared/signatures'
import { CopyButton } from '../../ui/copy-button'

const LABEL: Record<Language, string> = { node: 'Node', python: 'Python', go: 'Go', java: 'Java', php: 'PHP' }

/** "Copy receiver code": verification code for the current scheme, generated from its definition. */
export function ReceiverCode({ scheme }: { scheme: SchemeDefinition }) {
  const [open, setOpen] = useState(false)
  const [lang, setLang] = useState<Language>('node')
  const snippet = useMemo(() => {
    try {
      return { code: receiverCode(scheme, lang).code, error: null }
    } catch (err) {
      if (err instanceof CodegenUnsupported)
        return { code: null, error: `No receiver code for ${scheme.name}: it uses ${err.message}.` }
      throw err
    }
  }, [scheme, lang])
  return (
    <div className="receiver-code">
      <button type="button" className="btn btn-small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Hide receiver code' : 'Receiver code…'}
      </button>
      {open && (
        <>
          <div className="inspector-bar">
            <div className="tabs" role="tablist">
              {LANGUAGES.map((l) => (
                <button
                  key={l}
                  type="button"
                  role="tab"
                  aria-selected={l === lang}
                  className={`tab${l === lang ? ' active' : ''}`}
                  onClick={() => setLang(l)}
                >
                  {LABEL[l]}
                </button>
              ))}
            </div>
            {snippet.code && <CopyButton text={() => snippet.code!} label="Copy code" />}
          </div>
          {snippet.code ? (
            <pre className="body-text code-snippet" data-testid="receiver-code">
              {snippet.code}
            </pre>
          ) : (
            <p className="muted small">{snippet.error}</p>
          )}
        </>
      )}
    </div>
  )
}
