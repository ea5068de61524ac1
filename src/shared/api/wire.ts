/**
 * JSON with byte arrays: the web-mode transport cannot carry Uint8Array, so bytes travel
 * as `{ "$bytes": "<base64>" }` and are restored on the other side.
 */
import { base64ToBytes, bytesToBase64 } from '../bytes'

/**
 * A copy of `value` with every byte array replaced by what `swap` returns. Done before
 * JSON.stringify, which would otherwise call a Node Buffer's toJSON() first: {type:"Buffer",
 * data:[…]}, one JS number per byte (gigabytes for a large body) even when a replacer drops it.
 */
function swapBytes(value: unknown, swap: (bytes: Uint8Array) => unknown): unknown {
  if (value instanceof Uint8Array) return swap(value)
  if (Array.isArray(value)) return value.map((v) => swapBytes(v, swap))
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) return value
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = swapBytes(v, swap)
    return out
  }
  return value
}

export function toWire(value: unknown): string {
  return JSON.stringify(swapBytes(value, (b) => ({ $bytes: bytesToBase64(b) })))
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

/**
 * Responses that carry byte arrays (capture bodies, decoded bodies) travel as this binary type
 * instead of base64 inside JSON: "HSW1", the JSON head's length, the number of byte arrays and
 * each one's length (big-endian u32), the JSON head (each array written `{"$blob": i}`), then the
 * arrays' raw bytes in order. The host writes the arrays as they are (no copy, no base64), and
 * the page gets views into one ArrayBuffer. Responses without bytes stay plain JSON (`toWire`).
 */
export const WIRE_BYTES_TYPE = 'application/x-hookscope-wire'
const MAGIC = [0x48, 0x53, 0x57, 0x31]

/** The frames to write for `value`, or null when it holds no byte arrays. */
export function toWireFrames(value: unknown): Uint8Array[] | null {
  const blobs: Uint8Array[] = []
  const swapped = swapBytes(value, (b) => {
    blobs.push(b)
    return { $blob: blobs.length - 1 }
  })
  if (blobs.length === 0) return null
  const json = JSON.stringify(swapped)
  const head = new TextEncoder().encode(json)
  const prefix = new Uint8Array(12 + 4 * blobs.length)
  const view = new DataView(prefix.buffer)
  prefix.set(MAGIC)
  view.setUint32(4, head.length)
  view.setUint32(8, blobs.length)
  blobs.forEach((b, i) => view.setUint32(12 + 4 * i, b.length))
  return [prefix, head, ...blobs]
}

export function fromWireFrames<T>(buf: Uint8Array): T {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  if (buf.length < 12 || MAGIC.some((m, i) => buf[i] !== m)) throw new Error('Not a Hookscope wire frame.')
  const headLength = view.getUint32(4)
  const count = view.getUint32(8)
  let offset = 12 + 4 * count
  const head = new TextDecoder().decode(buf.subarray(offset, offset + headLength))
  offset += headLength
  const blobs: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(12 + 4 * i)
    if (offset + length > buf.length) throw new Error('Truncated Hookscope wire frame.')
    blobs.push(buf.subarray(offset, offset + length))
    offset += length
  }
  return JSON.parse(head, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      if (typeof o.$blob === 'number' && Object.keys(o).length === 1 && blobs[o.$blob]) return blobs[o.$blob]
    }
    return v
  }) as T
}

/** Reads an API response of either type. */
export async function readWireResponse<T>(res: Response): Promise<T> {
  return (res.headers.get('content-type') ?? '').startsWith(WIRE_BYTES_TYPE)
    ? fromWireFrames<T>(new Uint8Array(await res.arrayBuffer()))
    : fromWire<T>(await res.text())
}
