import { timingSafeEqual } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import { join } from 'node:path'
import ssh2 from 'ssh2'

const { Server, utils } = ssh2

/**
 * An SSH server on loopback, built with ssh2, that accepts one client key and implements
 * `tcpip-forward` (what `ssh -R` asks for): each forward opens a loopback port whose connections
 * are carried back to the client. Stop and restart it on the same port to cut a tunnel.
 */
export class TestSshServer {
  private readonly hostKey = utils.generateKeyPairSync('ed25519')
  private readonly clientKey = utils.generateKeyPairSync('ed25519')
  private server: InstanceType<typeof Server> | null = null
  private readonly forwards = new Set<TcpServer>()
  private readonly sockets = new Set<Socket>()
  private readonly clients = new Set<{ end(): void }>()
  port = 0

  /** Writes the client's private key (0600) and a known_hosts line for this server; returns their paths. */
  files(dir: string): { identity: string; knownHosts: string } {
    const identity = join(dir, 'id_ed25519')
    writeFileSync(identity, this.clientKey.private, { mode: 0o600 })
    const knownHosts = join(dir, 'known_hosts')
    writeFileSync(knownHosts, `[127.0.0.1]:${this.port} ${this.hostKey.public}\n`)
    return { identity, knownHosts }
  }

  async start(port = this.port): Promise<void> {
    const allowed = utils.parseKey(this.clientKey.public)
    if (allowed instanceof Error) throw allowed
    const server = new Server({ hostKeys: [this.hostKey.private] }, (client) => {
      this.clients.add(client)
      client.on('close', () => this.clients.delete(client))
      client.on('error', () => undefined)
      client.on('authentication', (ctx) => {
        if (
          ctx.method === 'publickey' &&
          ctx.key.algo === allowed.type &&
          ctx.key.data.length === allowed.getPublicSSH().length &&
          timingSafeEqual(ctx.key.data, allowed.getPublicSSH()) &&
          (!ctx.signature || allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true)
        )
          return ctx.accept()
        ctx.reject(['publickey'])
      })
      client.on('ready', () => {
        client.on('request', (accept, reject, name, info) => {
          if (name !== 'tcpip-forward' || !accept) return reject?.()
          const { bindAddr, bindPort } = info as { bindAddr: string; bindPort: number }
          const fwd = createTcpServer((socket) => {
            this.sockets.add(socket)
            socket.on('close', () => this.sockets.delete(socket))
            const bound = (fwd.address() as { port: number }).port
            client.forwardOut(
              bindAddr,
              bound,
              socket.remoteAddress ?? '127.0.0.1',
              socket.remotePort ?? 0,
              (err, channel) => {
                if (err) return void socket.destroy()
                socket.pipe(channel).pipe(socket)
              }
            )
          })
          this.forwards.add(fwd)
          // As sshd does: the port asked for (0: any), given back when the client that asked for it goes.
          client.on('close', () => {
            fwd.close()
            this.forwards.delete(fwd)
          })
          fwd.once('error', () => reject?.())
          fwd.listen(bindPort, '127.0.0.1', () => accept((fwd.address() as { port: number }).port))
        })
      })
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    this.server = server
    this.port = (server.address() as { port: number }).port
  }

  /** Stops listening and drops every client and forwarded port (the tunnel goes down). */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    for (const f of this.forwards) f.close()
    this.forwards.clear()
    for (const c of this.clients) c.end()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
