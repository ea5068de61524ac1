/** A composer draft as the user edits it (text fields), kept across restarts in this profile. */
export interface Draft {
  method: string
  url: string
  headers: string
  body: string
  scheme: string
  keyId: number | null
  insecureTls?: boolean
  mode?: 'json' | 'form' | 'raw'
  /** The template it started from, and for a registration call the endpoint it registers. */
  template?: string
  registersEndpoint?: number | null
}

export const DRAFTS_KEY = 'hookscope.drafts'
export const NEW_DRAFT: Draft = {
  method: 'POST',
  url: 'http://localhost:3000/webhooks',
  headers: 'Content-Type: application/json',
  body: '{\n  "hello": "world"\n}',
  scheme: '',
  keyId: null
}

/** Draft tabs survive restarts (this browser profile / window). */
export function loadDrafts(): { drafts: Draft[]; active: number } {
  try {
    const d = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '') as { drafts: Draft[]; active: number }
    if (Array.isArray(d.drafts) && d.drafts.length && d.drafts.every((x) => typeof x.url === 'string'))
      return { drafts: d.drafts, active: Math.min(d.active, d.drafts.length - 1) }
  } catch {
    /* first use */
  }
  return { drafts: [NEW_DRAFT], active: 0 }
}

export function tabName(d: Draft): string {
  try {
    return `${d.method} ${new URL(d.url).pathname}`
  } catch {
    return d.method
  }
}

/** "Name: value" lines → header pairs (blank lines skipped). */
export function parseHeaders(text: string): [string, string][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(':')
      return (at < 0 ? [l, ''] : [l.slice(0, at).trim(), l.slice(at + 1).trim()]) as [string, string]
    })
}
