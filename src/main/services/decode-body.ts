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

function stream(step: Step, chunkSize: number | undefined): Transform {
  const o = chunkSize ? { chunkSize } : {}
  if (step === 'gzip') return createGunzip(o)
  if (step === 'deflate') return createInflate(o)
  if (step === 'deflate-raw') return createInflateRaw(o)
  if (step === 'br') return createBrotliDecompress(o)
  return createZstdDecompress(o)
}

class TooLarge extends Error {}

/** gzip's last four bytes: the uncompressed size modulo 2^32. A hint only (it can lie), bounded by deflate's ~1032:1. */
function gzipSizeHint(step: Step, input: Uint8Array, limit: number): number {
  if (step !== 'gzip' || input.length < 18) return 0
  const isize = new DataView(input.buffer, input.byteOffset + input.length - 4).getUint32(0, true)
  return isize <= limit && isize <= input.length * 1032 ? isize : 0
}

/**
 * Inflates with the peak memory about the output itself. With a gzip size hint, zlib writes the
 * whole output into one buffer of that size (its chunk size) and the result is a view of it;
 * otherwise chunks are copied into one buffer grown by doubling.
 */
function inflate(step: Step, input: Uint8Array, limit: number): Promise<Uint8Array> {
  const hint = gzipSizeHint(step, input, limit)
  let out = new Uint8Array(0)
  let length = 0
  let whole: Buffer | null = null
  return new Promise((resolve, reject) => {
    // hint + 1: the output then never fills the buffer exactly, so zlib allocates no spare one.
    const z = stream(step, hint > 0 ? hint + 1 : undefined)
    z.on('data', (chunk: Buffer) => {
      if (length + chunk.length > limit) {
        z.destroy(new TooLarge())
        return
      }
      // Chunks that continue each other in zlib's one output buffer need no copy.
      if (hint > 0 && (length === 0 || (whole && chunk.buffer === whole.buffer && chunk.byteOffset === whole.byteOffset + length))) {
        whole = length === 0 ? chunk : whole
        length += chunk.length
        return
      }
      if (whole) {
        out = new Uint8Array(Math.min(limit, Math.max(length * 2, 64 * 1024)))
        out.set(new Uint8Array(whole.buffer, whole.byteOffset, length))
        whole = null
      }
      if (length + chunk.length > out.length) {
        const next = new Uint8Array(Math.min(limit, Math.max(out.length * 2, length + chunk.length, 64 * 1024)))
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

async function undo(step: Step, input: Uint8Array, limit: number): Promise<Uint8Array> {
  if (step !== 'deflate') return inflate(step, input, limit)
  // "deflate" is zlib-wrapped per the RFC, but some senders send raw deflate.
  try {
    return await inflate('deflate', input, limit)
  } catch (err) {
    if (err instanceof TooLarge) throw err
    return inflate('deflate-raw', input, limit)
  }
}

/**
 * Undoes Content-Encoding for display only (the stored bytes stay as received), off the
 * event loop (zlib's thread pool, streamed) and with an output cap: a 329-byte brotli body can
 * expand to hundreds of MiB.
 */
export async function decodeContentEncoding(body: Uint8Array, contentEncoding: string | undefined, limit = DEFAULT_DECOMPRESS_LIMIT): Promise<DecodedBody> {
  const steps = (contentEncoding ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity')
  let cur = body
  const done: string[] = []
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
          : `The ${step} body could not be decompressed (${(err as Error).message}); shown as received.`
      return { body: cur, encodings: done, error: message }
    }
  }
  return { body: cur, encodings: done, error: null }
}
