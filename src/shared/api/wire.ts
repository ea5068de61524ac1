/**
 * JSON with byte arrays: the web-mode transport cannot carry Uint8Array, so bytes travel
 * as `{ "$bytes": "<base64>" }` and are restored on the other side.
 */
import { base64ToBytes, bytesToBase64 } from '../http/base64'

export function toWire(value: unknown): string {
  // Read the holder's own value: JSON.stringify calls toJSON() before the replacer, and a Node
  // Buffer's toJSON() is {type:"Buffer",data:[…]} (one JSON number per byte).
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const own = this[key]
    return own instanceof Uint8Array ? { $bytes: bytesToBase64(own) } : v
  })
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
