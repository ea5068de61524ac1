import { parseContentType } from '../decode/text'
import { headerReadings } from './provider-data'
import { SCHEMES } from './registry'

/** How the built-in schemes' headers read (signature pairs, lists, timestamp units), by lower-case name. */
const READINGS = headerReadings(SCHEMES)

function relative(deltaMs: number): string {
  const a = Math.abs(deltaMs) / 1000
  const n =
    a < 60
      ? `${a.toFixed(a < 10 ? 1 : 0)} s`
      : a < 3600
        ? `${Math.round(a / 60)} min`
        : a < 86400 * 2
          ? `${(a / 3600).toFixed(1)} h`
          : `${Math.round(a / 86400)} days`
  return deltaMs >= 0 ? `${n} before receipt` : `${n} after receipt (clock skew)`
}

/** Epoch seconds/ms or RFC 3339 → ISO time and its distance from when Hookscope received it. */
export function describeTime(value: string, receivedAt: number, unit?: 's' | 'ms'): string | null {
  let ms: number
  if (/^\d{10}$/.test(value) && unit !== 'ms') ms = Number(value) * 1000
  else if (/^\d{13}$/.test(value) && unit !== 's') ms = Number(value)
  else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) ms = Date.parse(value)
  else return null
  if (Number.isNaN(ms)) return null
  return `${new Date(ms).toISOString()} · ${relative(receivedAt - ms)}`
}

/** A readable gloss of a header value, or null when there is nothing to add. */
export function headerInsight(name: string, value: string, receivedAt: number): string | null {
  const n = name.toLowerCase()
  if (n === 'content-type') {
    const ct = parseContentType(value)
    const params = Object.entries(ct.params).map(([k, v]) => `${k} ${v}`)
    return params.length ? [ct.mime, ...params].join(' · ') : null
  }
  const reading = READINGS.get(n)
  const kv = reading?.pairs
  const parts = kv
    ? value
        .split(kv.separator)
        .map((p) => p.trim())
        .filter(Boolean)
    : []
  // A header name two providers read differently (webhook-signature: NMI's t=…,s=… and Standard
  // Webhooks' v1,… list): the value's form decides.
  if (kv && parts.every((p) => p.indexOf(kv.kv) > 0)) {
    return parts
      .map((p) => {
        const eq = p.indexOf(kv.kv)
        const k = p.slice(0, eq)
        const v = p.slice(eq + kv.kv.length)
        if (k === kv.timestampKey)
          return `${k} = ${v} (${describeTime(v, receivedAt, kv.timestampUnit === 'ms' ? 'ms' : 's') ?? 'not a time'})`
        return `${k} = ${v.length > 16 ? v.slice(0, 12) + '…' : v}`
      })
      .join(' · ')
  }
  if (reading?.list) {
    const items = value.split(reading.list.separator).filter(Boolean)
    return `${items.length} signature${items.length === 1 ? '' : 's'}: ${items.map((i) => i.split(',')[0]).join(', ')}`
  }
  const unit = reading?.timestamp
  // A scheme's timestamp header in its unit; any other header that reads as a time, by its digits.
  if (unit || n.includes('timestamp') || n.endsWith('-at')) {
    return describeTime(value.trim(), receivedAt, unit === 's' || unit === 'ms' ? unit : undefined)
  }
  return null
}
