export interface Settings {
  listenHost: string
  listenPort: number
  /** Largest body stored, in bytes. */
  bodyLimit: number
  /** Keep at most this many captures (0 = no limit). */
  keepLast: number
  /** Delete captures older than this many days (0 = keep). */
  keepDays: number
  /** Forward targets may be link-local or cloud metadata addresses (169.254.0.0/16, fe80::/10, …): off unless asked for. */
  forwardToLinkLocal: boolean
}

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1']
