import type { Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, createZstdDecompress } from 'node:zlib'

export const DEFAULT_DECOMPRESS_LIMIT = 64 * 1024 * 1024

export interface DecodedBody {
  body: Uint8Array
  /** Content-Encoding steps undone, in the order they were undone. */
  encodings: string[]
  /** Set when a step failed or hit the output cap; `body` is then the last good stage. */
  error: string | null
}

type Step = 'gzip' | 'deflate' | 'deflate-raw' | 'br' | 'zstd'
const STEPS: Record<string, Step> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br', zstd: 'zstd' }
/** zlib's output chunk when the input gives no usable size (zlib refuses chunks under 64 bytes). */
const CHUNK = 64 * 1024

function stream(step: Step, chunkSize: number): Transform {
  const o = { chunkSize }
  if (step === 'gzip') return createGunzip(o)
  if (step === 'deflate') return createInflate(o)
  if (step === 'deflate-raw') return createInflateRaw(o)
  if (step === 'br') return createBrotliDecompress(o)
  return createZstdDecompress(o)
}

class TooLarge extends Error {}

/** What the first bytes say the data is, for a body labelled as something else. */
function sniffCompression(b: Uint8Array): string | null {
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip'
  if (b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return 'zstd'
  if (b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0) return 'zlib deflate'
  return null
}

/** zlib's terse errors, said in terms of the body. */
function reason(step: string, input: Uint8Array, err: Error & { code?: string }): string {
  const m = err.message
  if (err.code === 'Z_BUF_ERROR' || /unexpected end/i.test(m))
    return `the ${step} data is cut short (it ends before its end marker)`
  if (/incorrect length check/.test(m))
    return `the ${step} trailer's length does not match the data (a damaged or altered body)`
  if (/incorrect data check/.test(m)) return `the ${step} checksum does not match the data (a damaged or altered body)`
  if (/incorrect header check|unknown compression method|invalid/i.test(m) || err.code?.startsWith('ERR_')) {
    const looks = sniffCompression(input)
    return looks && looks !== step
      ? `it is labelled ${step} but the data is ${looks}`
      : `the data is not ${step}${input.length ? ` (it starts with ${hexStart(input)})` : ' (it is empty)'}`
  }
  return m
}

const hexStart = (b: Uint8Array): string => [...b.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ')

/**
 * Inflates by streaming. When gzip's size trailer is plausible (at least zlib's 64-byte minimum, within
 * the cap and deflate's ~1032:1), zlib is asked for chunks of that size, so a body whose trailer is
 * true lands in one buffer with no copy (a 62 MiB body costs ~62 MiB, not twice that). The trailer is
 * only a hint: when it lies, more chunks come and are copied into one buffer grown by doubling up to
 * the cap, so what is decoded never depends on it.
 */
function inflate(step: Step, input: Uint8Array, limit: number): Promise<Uint8Array> {
  const hint = sizeHint(step, input, limit)
  let out = new Uint8Array(0)
  let length = 0
  let whole: Buffer | null = null
  return new Promise((resolve, reject) => {
    // hint + 1: the output then never fills the chunk exactly, so zlib allocates no spare one.
    const z = stream(step, hint > 0 ? hint + 1 : CHUNK)
    z.on('data', (chunk: Buffer) => {
      if (length + chunk.length > limit) {
        z.destroy(new TooLarge())
        return
      }
      // Chunks that continue each other in zlib's one output buffer need no copy.
      if (
        hint > 0 &&
        (length === 0 || (whole && chunk.buffer === whole.buffer && chunk.byteOffset === whole.byteOffset + length))
      ) {
        whole = length === 0 ? chunk : whole
        length += chunk.length
        return
      }
      if (whole) {
        out = new Uint8Array(Math.min(limit, Math.max(length * 2, CHUNK)))
        out.set(new Uint8Array(whole.buffer, whole.byteOffset, length))
        whole = null
      }
      if (length + chunk.length > out.length) {
        const next = new Uint8Array(Math.min(limit, Math.max(out.length * 2, length + chunk.length, CHUNK)))
        next.set(out.subarray(0, length))
        out = next
      }
      out.set(chunk, length)
      length += chunk.length
    })
    z.on('error', reject)
    z.on('end', () => {
      const w = whole as Buffer | null
      resolve(w ? new Uint8Array(w.buffer, w.byteOffset, length) : out.subarray(0, length))
    })
    z.end(input)
  })
}

/** gzip's last four bytes (the size modulo 2^32) when they are a usable chunk size, else 0. */
function sizeHint(step: Step, input: Uint8Array, limit: number): number {
  if (step !== 'gzip' || input.length < 18) return 0
  const isize = new DataView(input.buffer, input.byteOffset + input.length - 4).getUint32(0, true)
  return isize >= 63 && isize < limit && isize <= input.length * 1032 ? isize : 0
}

async function undo(step: Step, input: Uint8Array, limit: number): Promise<Uint8Array> {
  if (step !== 'deflate') return inflate(step, input, limit)
  // "deflate" is zlib-wrapped per the RFC, but some senders send raw deflate.
  try {
    return await inflate('deflate', input, limit)
  } catch (err) {
    if (err instanceof TooLarge) throw err
    try {
      return await inflate('deflate-raw', input, limit)
    } catch (raw) {
      if (raw instanceof TooLarge) throw raw
      throw err
    }
  }
}

/**
 * Undoes Content-Encoding for display only (the stored bytes stay as received), off the
 * event loop (zlib's thread pool, streamed) and with an output cap: a 329-byte brotli body can
 * expand to hundreds of MiB. Never throws: a body that cannot be undone is shown as received,
 * with the reason.
 */
export async function decodeContentEncoding(
  body: Uint8Array,
  contentEncoding: string | undefined,
  limit = DEFAULT_DECOMPRESS_LIMIT
): Promise<DecodedBody> {
  const steps = (contentEncoding ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity')
  let cur = body
  const done: string[] = []
  if (steps.length > 4)
    return {
      body,
      encodings: [],
      error: `${steps.length} content encodings are listed; more than 4 are not undone (shown as received).`
    }
  // Encodings are listed in the order applied; undo them last first.
  for (const step of steps.reverse()) {
    const known = STEPS[step]
    if (!known) return { body: cur, encodings: done, error: `Unknown content encoding "${step}": shown as received.` }
    try {
      cur = await undo(known, cur, limit)
      done.push(step)
    } catch (err) {
      const message =
        err instanceof TooLarge
          ? `The ${step} body expands beyond ${Math.round(limit / 1024 / 1024)} MiB; not decompressed (shown as received).`
          : `The ${step} body could not be decompressed: ` +
            `${reason(known === 'deflate' ? 'deflate' : step, cur, err as Error)}; ` +
            `shown as ${done.length ? `decoded up to ${done.at(-1)}` : 'received'}.`
      return { body: cur, encodings: done, error: message }
    }
  }
  return { body: cur, encodings: done, error: null }
}
