import type { Socket } from 'node:net'

const SHARED_LOCAL = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * Which connections the listener keeps past its soft limit: the one that has waited longest on its
 * sender goes first (never one whose request is being committed), and one remote address may hold a
 * quarter of the connections.
 */
export class Admission {
  /** Sockets with the time since which each has been waiting on its sender (and not on us). */
  private readonly sockets = new Map<Socket, { since: number; committing: boolean; address: string }>()

  admit(socket: Socket, soft: number): void {
    const address = socket.remoteAddress ?? ''
    // One remote address may hold a quarter of the connections; past that it evicts its own oldest.
    // 127.0.0.1 is exempt: every local sender and every tunnel arrives from it.
    const share = Math.max(8, Math.floor(soft / 4))
    const own = SHARED_LOCAL.has(address) ? 0 : [...this.sockets.values()].filter((st) => st.address === address).length
    if (own >= share) this.evictOldest(address)
    else if (this.sockets.size >= soft) this.evictOldest(null)
    this.sockets.set(socket, { since: performance.now(), committing: false, address })
    socket.once('close', () => this.sockets.delete(socket))
  }

  /** Closes the connection (of `address`, or any) that has waited longest without completing a request. */
  private evictOldest(address: string | null): void {
    let oldest: Socket | null = null
    let since = Infinity
    for (const [s, st] of this.sockets) {
      if (!st.committing && st.since < since && (address === null || st.address === address)) {
        oldest = s
        since = st.since
      }
    }
    oldest?.destroy()
    if (oldest) this.sockets.delete(oldest)
  }

  /** The socket is now waiting on us (committing) or on its sender; either way its clock restarts. */
  state(socket: Socket, committing: boolean): void {
    const st = this.sockets.get(socket)
    if (!st) return
    st.committing = committing
    st.since = performance.now()
  }
}
