import { brotliDecompress, gunzip, inflate, inflateRaw, zstdDecompress, type InputType, type ZlibOptions } from 'node:zlib'
import { promisify } from 'node:util'

export const DEFAULT_DECOMPRESS_LIMIT = 64 * 1024 * 1024

export interface DecodedBody {
  body: Uint8Array
  /** Content-Encoding steps undone, in the order they were undone. */
  encodings: string[]
  /** Set when a step failed or hit the output cap; `body` is then the last good stage. */
  error: string | null
}

type Inflater = (buf: InputType, opts: ZlibOptions) => Promise<Buffer>
const DECODERS: Record<string, Inflater> = {
  gzip: promisify(gunzip) as Inflater,
  'x-gzip': promisify(gunzip) as Inflater,
  br: promisify(brotliDecompress) as Inflater,
  zstd: promisify(zstdDecompress) as Inflater
}

async function deflate(buf: Uint8Array, opts: ZlibOptions): Promise<Buffer> {
  // "deflate" is zlib-wrapped per the RFC, but some senders send raw deflate.
  try {
    return await promisify(inflate)(buf, opts)
  } catch {
    return promisify(inflateRaw)(buf, opts)
  }
}

/**
 * Undoes Content-Encoding for display only (the stored bytes stay as received), off the
 * event loop (zlib's thread pool) and with an output cap: a 329-byte brotli body can
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
    const opts: ZlibOptions = { maxOutputLength: limit }
    try {
      if (step === 'deflate') cur = await deflate(cur, opts)
      else if (DECODERS[step]) cur = await DECODERS[step]!(cur, opts)
      else return { body: cur, encodings: done, error: `Unknown content encoding "${step}": shown as received.` }
      done.push(step)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      const message =
        code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|too large/i.test((err as Error).message)
          ? `The ${step} body expands beyond ${Math.round(limit / 1024 / 1024)} MiB; not decompressed (shown as received).`
          : `The ${step} body could not be decompressed (${(err as Error).message}); shown as received.`
      return { body: cur, encodings: done, error: message }
    }
  }
  return { body: cur, encodings: done, error: null }
}
