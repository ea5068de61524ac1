/**
 * JSON with byte arrays: the web-mode transport cannot carry Uint8Array, so bytes travel
 * as `{ "$bytes": "<base64>" }` and are restored on the other side.
 */
import { base64ToBytes, bytesToBase64 } from '../http/base64'

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: bytesToBase64(v) } : v))
}

export function fromWire<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return base64ToBytes(o.$bytes)
    }
    return v
  }) as T
}
