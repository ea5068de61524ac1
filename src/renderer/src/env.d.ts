import type { HookscopeApi } from '@shared/api/contract'

declare global {
  interface Window {
    /** Set by the desktop preload; absent in web mode. */
    hookscope?: HookscopeApi
  }
}
export {}
