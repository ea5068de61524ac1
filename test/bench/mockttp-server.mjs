// Peer baseline for bench:capture: mockttp (HTTP Toolkit's mock server) answering the bench's POSTs
// with a fixed reply, recording nothing to disk — what an in-memory capturing tool costs.
import { getLocal } from 'mockttp'

const server = getLocal({ recordTraffic: true })
await server.start()
await server
  .forPost('/bench/hook')
  .thenReply(200, 'OK\n', { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '3' })
await server.forPost('/bench/fill').thenReply(200, 'OK\n', { 'Content-Length': '3' })
console.log(`Listening for webhooks on http://127.0.0.1:${server.port}`)
process.on('SIGINT', () => void server.stop().then(() => process.exit(0)))
