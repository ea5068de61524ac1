// Baseline for bench:capture: a bare node:http server that reads the whole body and replies.
import { createServer } from 'node:http'

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    Buffer.concat(chunks)
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
    res.end('OK\n')
  })
})
server.listen(0, '127.0.0.1', () => console.log(`Listening for webhooks on http://127.0.0.1:${server.address().port}`))
process.on('SIGINT', () => server.close(() => process.exit(0)))
