export function formatTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * The list's time column: the time of day (to the millisecond) for today's captures, the day and time
 * for earlier ones this year ("Dec 5 21:10"), the date for older ones — each fits the column; the
 * full timestamp is in `fullTimestamp` (the row's tooltip).
 */
export function formatListTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms)
  const today = new Date(now)
  const pad = (n: number) => String(n).padStart(2, '0')
  if (d.toDateString() === today.toDateString()) return formatTime(ms)
  if (d.getFullYear() === today.getFullYear())
    return `${MONTHS[d.getMonth()]} ${d.getDate()} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Local date and time to the millisecond, then UTC: what the list's time column abbreviates. */
export function fullTimestamp(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(ms)} local · ${formatDateTime(ms)}`
}

export function formatDateTime(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC')}`
}

/** `application/json; charset=utf-8` → `json`: enough to scan a column. */
export function shortContentType(ct: string | null): string {
  if (!ct) return '—'
  const base = ct.split(';')[0]!.trim().toLowerCase()
  const sub = base.split('/')[1] ?? base
  return sub.replace(/^x-www-form-urlencoded$/, 'form').replace(/^(vnd\.|x-)/, '')
}

export function statusClass(status: number): string {
  if (status >= 500) return 'st-5xx'
  if (status >= 400) return 'st-4xx'
  if (status >= 300) return 'st-3xx'
  return 'st-2xx'
}

/**
 * 1234567 → `1,234,567`. Not toLocaleString: its first call sets up the platform's number formatting
 * (about 25 ms in Chromium), on the path to the first paint of the list.
 */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
