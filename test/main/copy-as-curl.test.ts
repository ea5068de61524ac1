import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { captureCurl } from '@shared/http/curl'
import { rawRequest } from '../helpers/raw-http'
import { startListener } from '../helpers/listener'

const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0

/** Sends raw bytes, then the capture's "Copy as curl" command through sh; both captures must be the same bytes. */
async function roundTrip(head: string[], body: Buffer) {
  const { store, port, url } = await startListener()
  const request = Buffer.concat([
    Buffer.from([...head.map((l) => l.replace('{port}', String(port))), '', ''].join('\r\n')),
    body
  ])
  expect((await rawRequest(port, request)).status).toBe(200)
  const first = store.get(store.list({}).items[0]!.id)!
  const command = captureCurl(first, url)
  // Async: the listener answering curl lives in this process.
  await promisify(execFile)('sh', ['-c', `${command} --max-time 10 > /dev/null`])
  const second = store.get(store.list({}).items[0]!.id)!
  expect(second.id).not.toBe(first.id)
  return { first, second, command }
}

describe.runIf(hasCurl)('Copy as curl sends the capture again byte-identical', () => {
  it('text body: method, target, header order and case, empty and repeated headers, exact body', async () => {
    const body = Buffer.from('{"event":"paid","note":"it\'s 100% café","lines":"a\\nb"}\n')
    const { first, second, command } = await roundTrip(
      [
        'PUT /hooks/in?x=1&y=%20z HTTP/1.1',
        'Host: 127.0.0.1:{port}',
        'x-signature: sha256=abc',
        'X-Empty:',
        'Content-Type: application/json',
        'X-Dup: one',
        'X-Dup: two',
        `Content-Length: ${body.length}`
      ],
      body
    )
    expect(command).toContain('--data-binary')
    expect(second.method).toBe('PUT')
    expect(second.target).toBe(first.target)
    expect(second.rawHeaders).toEqual(first.rawHeaders)
    expect(Buffer.from(second.body).equals(Buffer.from(first.body))).toBe(true)
  })

  it('binary body through printf | curl --data-binary @-, with no Content-Type or User-Agent added', async () => {
    const body = Buffer.from([0x00, 0xff, 0x25, 0x5c, 0x27, 0x0a, 0x0d, 0x80, 0x31, 0x32, 0x40, 0x7f])
    const { first, second, command } = await roundTrip(
      ['POST /bin HTTP/1.1', 'Host: 127.0.0.1:{port}', `Content-Length: ${body.length}`],
      body
    )
    expect(command).toMatch(/^printf '.*' \| curl .*--data-binary @-$/)
    expect(second.rawHeaders).toEqual(first.rawHeaders)
    expect(Buffer.from(second.body).equals(body)).toBe(true)
  })

  it('a body that starts with @ is sent, not read as a file name', async () => {
    const body = Buffer.from('@/etc/passwd')
    const { second } = await roundTrip(
      ['POST /at HTTP/1.1', 'Host: 127.0.0.1:{port}', 'Content-Type: text/plain', `Content-Length: ${body.length}`],
      body
    )
    expect(Buffer.from(second.body).toString()).toBe('@/etc/passwd')
  })
})
