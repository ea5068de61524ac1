interface Pending<T, R> {
  item: T
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

/**
 * Collects work submitted while the previous commit is running (or during one turn of the
 * event loop) and commits it in one go — one transaction, one fsync — then settles each
 * submitter. This is what lets every webhook be acknowledged only after COMMIT without
 * paying an fsync per request. At most one commit is in flight.
 */
export class GroupCommitter<T, R> {
  private pending: Pending<T, R>[] = []
  private scheduled = false
  private inFlight = false

  constructor(
    private readonly commit: (items: T[]) => R[] | Promise<R[]>,
    private readonly onCommitted?: (results: R[]) => void
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject })
      this.kick()
    })
  }

  private kick(): void {
    if (this.scheduled || this.inFlight || this.pending.length === 0) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      void this.run()
    })
  }

  private async run(): Promise<void> {
    const batch = this.pending
    this.pending = []
    this.inFlight = true
    try {
      const results = await this.commit(batch.map((p) => p.item))
      batch.forEach((p, i) => p.resolve(results[i]!))
      this.onCommitted?.(results)
    } catch (err) {
      for (const p of batch) p.reject(err)
    } finally {
      this.inFlight = false
      this.kick()
    }
  }
}
