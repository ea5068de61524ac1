import type { HookscopeApi } from '@shared/api/contract'
import { createWebClient } from '@shared/api/web-client'

export const TOKEN_KEY = 'hookscope.token'

/** Web mode: the token arrives once in the URL; keep it for this tab and drop it from the address bar. */
function takeWebToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

export type Transport = 'desktop' | 'web'

function pick(): { api: HookscopeApi; transport: Transport; tokenMissing: boolean } {
  if (window.hookscope) return { api: window.hookscope, transport: 'desktop', tokenMissing: false }
  const token = takeWebToken()
  return {
    api: createWebClient({ baseUrl: window.location.origin, token: token ?? '' }),
    transport: 'web',
    tokenMissing: token === null
  }
}

/** The one place that knows how the UI reaches the backend; everything else uses `api`. */
export const { api, transport, tokenMissing } = pick()
