export type Theme = 'system' | 'light' | 'dark'
const KEY = 'hookscope.theme'

export function loadTheme(): Theme {
  const t = localStorage.getItem(KEY)
  return t === 'light' || t === 'dark' ? t : 'system'
}

/** Applies the theme: "system" follows the OS (prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    delete document.documentElement.dataset.theme
    localStorage.removeItem(KEY)
  } else {
    document.documentElement.dataset.theme = theme
    localStorage.setItem(KEY, theme)
  }
}
