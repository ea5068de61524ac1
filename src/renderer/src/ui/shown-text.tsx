import { visibleParts } from '@shared/decode/visible'

/** Payload text as a person should read it: hidden and bidi characters shown as escapes. */
export function ShownText({ text }: { text: string }) {
  const parts = visibleParts(text)
  if (parts.length === 1 && !parts[0]!.escaped) return <>{text}</>
  return (
    <>
      {parts.map((p, i) =>
        p.escaped ? (
          <span key={i} className="esc" title="Hidden character shown as an escape">
            {p.text}
          </span>
        ) : (
          p.text
        )
      )}
    </>
  )
}
