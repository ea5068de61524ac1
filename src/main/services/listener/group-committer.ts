interface Pending<T, R> {
  item: T
  resolve: (r: R) => void
  reject: (e: unknown) => void
}

/**
 * Collects work submitted during one turn of the event loop and commits it in one go
 * (one transaction, one fsync), then settles each submitter. This is what lets every
 * webhook be acknowledged only after COMMIT without paying an fsync per request.
 */
export class GroupCommitter<T, R> {
  private pending: Pending<T, R>[] = []
  private scheduled = false

  constructor(
    private readonly commit: (items: T[]) => R[],
    private readonly onCommitted?: (results: R[]) => void
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.run())
      }
    })
  }

  private run(): void {
    const batch = this.pending
    this.pending = []
    this.scheduled = false
    let results: R[]
    try {
      results = this.commit(batch.map((p) => p.item))
    } catch (err) {
      for (const p of batch) p.reject(err)
      return
    }
    batch.forEach((p, i) => p.resolve(results[i]!))
    this.onCommitted?.(results)
  }
}
