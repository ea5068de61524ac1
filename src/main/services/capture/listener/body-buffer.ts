/** Bytes appended into one buffer that doubles as needed. */
export class BodyBuffer {
  private buf: Buffer
  length = 0
  constructor(initial: number) {
    // Never from Node's shared pool: the body's memory moves to the writer thread whole (`ownBody`).
    this.buf = Buffer.allocUnsafeSlow(Math.max(initial, 64))
  }
  push(chunk: Buffer): void {
    if (this.length + chunk.length > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + chunk.length))
      this.buf.copy(next, 0, 0, this.length)
      this.buf = next
    }
    chunk.copy(this.buf, this.length)
    this.length += chunk.length
  }
  /** The bytes received (a view: the capture lives only until it is committed and answered). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length)
  }
}
