/**
 * JSON with byte arrays: the web-mode transport cannot carry Uint8Array, so bytes travel
 * as `{ "$bytes": "<base64>" }` and are restored on the other side.
 */
import { base64ToBytes, bytesToBase64 } from '../bytes'

type Slot = [holder: Record<string | number, unknown>, key: string | number]
const plainObject = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * A copy of `value` with every byte array replaced by what `swap` returns. Done before
 * JSON.stringify, which would otherwise call a Node Buffer's toJSON() first: {type:"Buffer",
 * data:[…]}, one JS number per byte (gigabytes for a large body) even when a replacer drops it.
 * Walked with an explicit stack: a deeply nested value cannot overflow the call stack.
 */
function swapBytes(value: unknown, swap: (bytes: Uint8Array) => unknown): unknown {
  const top: Record<string, unknown> = { value }
  const stack: Slot[] = [[top, 'value']]
  while (stack.length) {
    const [holder, key] = stack.pop()!
    const v = holder[key]
    if (v instanceof Uint8Array) holder[key] = swap(v)
    else if (Array.isArray(v)) {
      const copy = v.slice()
      holder[key] = copy
      // Pushed last first, so byte arrays are met (and numbered) in document order.
      for (let i = copy.length - 1; i >= 0; i--) stack.push([copy as unknown as Record<number, unknown>, i])
    } else if (plainObject(v)) {
      const copy = { ...v }
      holder[key] = copy
      for (const k of Object.keys(copy).reverse()) stack.push([copy, k])
    }
  }
  return top.value
}

/** Replaces, in place, each `{ [marker]: x }` object that `restore` accepts; an explicit stack, no reviver recursion. */
function restoreMarked(root: unknown, marker: string, restore: (x: unknown) => unknown): unknown {
  const replace = (v: unknown): unknown => {
    if (!plainObject(v) || !(marker in v) || Object.keys(v).length !== 1) return undefined
    return restore(v[marker])
  }
  const top: Record<string, unknown> = { root }
  const stack: Slot[] = [[top, 'root']]
  while (stack.length) {
    const [holder, key] = stack.pop()!
    const v = holder[key]
    const restored = replace(v)
    if (restored !== undefined) holder[key] = restored
    else if (Array.isArray(v))
      for (let i = 0; i < v.length; i++) stack.push([v as unknown as Record<number, unknown>, i])
    else if (plainObject(v)) for (const k of Object.keys(v)) stack.push([v, k])
  }
  return top.root
}

export function toWire(value: unknown): string {
  return JSON.stringify(swapBytes(value, (b) => ({ $bytes: bytesToBase64(b) })))
}

export function fromWire<T>(text: string): T {
  return restoreMarked(JSON.parse(text), '$bytes', (x) => (typeof x === 'string' ? base64ToBytes(x) : undefined)) as T
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
  return restoreMarked(JSON.parse(head), '$blob', (x) => (typeof x === 'number' ? blobs[x] : undefined)) as T
}

/** Reads an API response of either type. */
export async function readWireResponse<T>(res: Response): Promise<T> {
  return (res.headers.get('content-type') ?? '').startsWith(WIRE_BYTES_TYPE)
    ? fromWireFrames<T>(new Uint8Array(await res.arrayBuffer()))
    : fromWire<T>(await res.text())
}
