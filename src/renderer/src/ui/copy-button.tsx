import { useState } from 'react'

/** Copies text to the clipboard and says so briefly. */
export function CopyButton({ text, label = 'Copy', title }: { text: () => string; label?: string; title?: string }) {
  const [done, setDone] = useState(false)
  return (
    <button
      type="button"
      className="btn btn-small"
      title={title ?? label}
      onClick={() => {
        void navigator.clipboard.writeText(text()).then(
          () => {
            setDone(true)
            setTimeout(() => setDone(false), 1200)
          },
          () => setDone(false)
        )
      }}
    >
      {done ? 'Copied' : label}
    </button>
  )
}
