import '@shopify/shopify-api/adapters/web-api'
import { generateKeyPairSync } from 'node:crypto'
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api'
import { getHmac } from '@shopify/shopify-api/test-helpers'
import { isValidSlackRequest } from '@slack/bolt'
import { encrypt as wecomEncrypt, getSignature as wecomSignature } from '@wecom/crypto'
import { AwsLambdaReceiver } from '@zoom/rivet/meetings'
import { Formatter, Rsa } from 'wechatpay-axios-plugin'
import { describe, expect, it, vi } from 'vitest'
import { getScheme, sign, verify, type SchemeDefinition } from '@shared/signatures'
import { fixedClock, request, text } from './helpers'

// Shopify, Slack, Zoom, WeChat Pay and WeCom: each provider's official SDK checks what Hookscope
// signs, Hookscope checks what the SDK signs (or computes, where the SDK only verifies), and a
// one-byte change is refused by both. A fixed clock everywhere.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const scheme = (id: string): SchemeDefinition => getScheme(id)!
const header = (h: [string, string][], name: string): string =>
  h.find(([n]) => n.toLowerCase() === name.toLowerCase())![1]
const valid = async (...args: Parameters<typeof verify>) => (await verify(...args)).valid

fixedClock(NOW)

describe('official SDKs as oracles, both directions (platform SDKs)', () => {
  it('shopify: webhooks.validate accepts our X-Shopify-Hmac-Sha256 and the Events API shopify-hmac-sha256; we accept getHmac', async () => {
    const secret = 'shpss_4a1f0c5e8b2d'
    const shopify = shopifyApi({
      apiKey: 'app-key',
      apiSecretKey: secret,
      scopes: [],
      hostName: 'merchant.example',
      apiVersion: ApiVersion.October25,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: async () => undefined }
    })
    const body = '{"id":820982911946154508,"email":"jon@example.com","total_price":"42.00"}'
    const shopHeaders: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Shopify-Topic', 'orders/create'],
      ['X-Shopify-Shop-Domain', 'acme.myshopify.com'],
      ['X-Shopify-API-Version', '2025-10'],
      ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043']
    ]
    const sdkValidates = async (headers: [string, string][], raw: string) =>
      (
        await shopify.webhooks.validate({
          rawBody: raw,
          rawRequest: new Request('https://merchant.example/webhooks', { method: 'POST', headers, body: raw })
        })
      ).valid
    const ours = await sign(request({ body, headers: shopHeaders }), { material: secret }, scheme('shopify'), {
      now: NOW
    })
    expect(await sdkValidates(ours.request.headers, body)).toBe(true)
    expect(await sdkValidates(ours.request.headers, body.replace('42.00', '42.01'))).toBe(false)

    const theirs = getHmac(body, secret)
    const delivered = request({ body, headers: [...shopHeaders, ['X-Shopify-Hmac-Sha256', theirs]] })
    expect(await valid(delivered, [{ material: secret }], scheme('shopify'), { now: NOW })).toBe(true)
    expect(
      await valid(
        { ...delivered, body: new TextEncoder().encode(body.replace('42.00', '42.01')) },
        [{ material: secret }],
        scheme('shopify'),
        { now: NOW }
      )
    ).toBe(false)

    // The Events API names its headers shopify-*: the SDK reads them, and so does the shopify scheme.
    const events: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['shopify-topic', 'orders/create'],
      ['shopify-shop-domain', 'acme.myshopify.com'],
      ['shopify-api-version', '2025-10'],
      ['shopify-webhook-id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
      ['shopify-handle', 'orders'],
      ['shopify-action', 'create'],
      ['shopify-hmac-sha256', theirs]
    ]
    expect(await sdkValidates(events, body)).toBe(true)
    expect(
      await valid(request({ body, headers: events }), [{ material: secret }], scheme('shopify'), { now: NOW })
    ).toBe(true)
  })

  it('slack: isValidSlackRequest accepts our v0 signature, refuses it stale or tampered; we accept its construction', async () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5'
    const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070'
    const ours = await sign(
      request({ body, headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
      { material: secret },
      scheme('slack'),
      {
        now: NOW
      }
    )
    const slackHeaders = (h: [string, string][]) => ({
      'x-slack-signature': header(h, 'X-Slack-Signature'),
      'x-slack-request-timestamp': Number(header(h, 'X-Slack-Request-Timestamp'))
    })
    expect(
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: slackHeaders(ours.request.headers),
        nowMilliseconds: NOW
      })
    ).toBe(true)
    expect(
      isValidSlackRequest({
        signingSecret: secret,
        body: body.replace('94070', '94071'),
        headers: slackHeaders(ours.request.headers),
        nowMilliseconds: NOW
      })
    ).toBe(false)
    // Both refuse a delivery more than five minutes old.
    expect(
      isValidSlackRequest({
        signingSecret: secret,
        body,
        headers: slackHeaders(ours.request.headers),
        nowMilliseconds: NOW + 301_000
      })
    ).toBe(false)
    expect(await valid(ours.request, [{ material: secret }], scheme('slack'), { now: NOW + 301_000 })).toBe(false)

    // Bolt only verifies; its construction is v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)).
    const ts = String(NOW / 1000)
    const { createHmac } = await import('node:crypto')
    const theirs = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')
    const delivered: [string, string][] = [
      ['X-Slack-Request-Timestamp', ts],
      ['X-Slack-Signature', theirs]
    ]
    expect(
      isValidSlackRequest({ signingSecret: secret, body, headers: slackHeaders(delivered), nowMilliseconds: NOW })
    ).toBe(true)
    expect(
      await valid(request({ body, headers: delivered }), [{ material: secret }], scheme('slack'), { now: NOW })
    ).toBe(true)
    expect(
      await valid(request({ body: body + '&x=1', headers: delivered }), [{ material: secret }], scheme('slack'), {
        now: NOW
      })
    ).toBe(false)
  })

  it('zoom: the Rivet SDK receiver answers 200 to what Hookscope signs and 400 to a tampered body', async () => {
    const secret = 'zoom-webhook-secret-token'
    vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret }).start()
    // Rivet re-serialises the parsed payload before checking, so a compact body is what it can verify.
    const body =
      '{"event":"meeting.started","event_ts":1795435200000,"payload":{"account_id":"AAAAAABBBB","object":{"id":"1234567890","topic":"Standup"}}}'
    const ours = await sign(request({ body }), { material: secret }, scheme('zoom'), { now: NOW })
    const headers = Object.fromEntries(ours.request.headers)
    const status = async (b: string) =>
      ((await handler({ body: b, headers, isBase64Encoded: false }, {})) as { statusCode: number }).statusCode
    expect(await status(text(ours.request.body))).toBe(200)
    expect(await status(body.replace('Standup', 'Standuq'))).toBe(400)
    // And Hookscope accepts the signature the SDK's check computes (v0:<ts>:<body>).
    const { createHmac } = await import('node:crypto')
    const ts = String(NOW / 1000)
    const theirs = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')
    const delivered = request({
      body,
      headers: [
        ['x-zm-request-timestamp', ts],
        ['x-zm-signature', theirs]
      ]
    })
    expect(await status(body)).toBe(200)
    expect(
      await valid({ ...delivered, headers: [...delivered.headers] }, [{ material: secret }], scheme('zoom'), {
        now: NOW
      })
    ).toBe(true)
    expect(
      await valid(
        { ...delivered, body: new TextEncoder().encode(body.replace('Standup', 'Standuq')) },
        [{ material: secret }],
        scheme('zoom'),
        { now: NOW }
      )
    ).toBe(false)
  })

  it('wechat pay v3: the SDK (wechatpay-axios-plugin Rsa + Formatter) verifies what Hookscope signs, and signs what Hookscope verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string
    const body =
      '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS","resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":"..."}}'
    const nonce = Formatter.nonce()
    const ours = await sign(
      request({ body, headers: [['Wechatpay-Nonce', nonce]] }),
      { material: privatePem },
      scheme('wechatpay-v3'),
      {
        now: NOW
      }
    )
    const ts = header(ours.request.headers, 'Wechatpay-Timestamp')
    const sig = header(ours.request.headers, 'Wechatpay-Signature')
    expect(Rsa.verify(Formatter.response(ts, nonce, body), sig, publicPem)).toBe(true)
    expect(Rsa.verify(Formatter.response(ts, nonce, body.replace('SUCCESS', 'CLOSED')), sig, publicPem)).toBe(false)

    const theirs = Rsa.sign(Formatter.response(ts, nonce, body), privatePem)
    const delivered = request({
      body,
      headers: [
        ['Wechatpay-Timestamp', ts],
        ['Wechatpay-Nonce', nonce],
        ['Wechatpay-Serial', '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'],
        ['Wechatpay-Signature', theirs]
      ]
    })
    expect(await valid(delivered, [{ material: publicPem }], scheme('wechatpay-v3'), { now: NOW })).toBe(true)
    expect(
      await valid(
        { ...delivered, body: new TextEncoder().encode(body.replace('SUCCESS', 'CLOSED')) },
        [{ material: publicPem }],
        scheme('wechatpay-v3'),
        {
          now: NOW
        }
      )
    ).toBe(false)
  })

  it('wecom: @wecom/crypto getSignature equals the msg_signature Hookscope writes; Hookscope checks the SDK signature over <Encrypt>', async () => {
    const token = 'QDG6eK'
    const aesKey = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'
    const ciphered = wecomEncrypt(aesKey, '<xml><Content><![CDATA[hello]]></Content></xml>', 'wx5823bf96d3bd56c7')
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${ciphered}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`
    const ts = String(NOW / 1000)
    const nonce = '1372623149'
    const theirs = wecomSignature(token, ts, nonce, ciphered)
    const url = (sig: string) => `https://corp.example.test/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`
    const delivered = request({ url: url(theirs), body, headers: [['Content-Type', 'text/xml']] })
    expect(await valid(delivered, [{ material: token }], scheme('wecom'), { now: NOW })).toBe(true)
    const tampered = body.replace(ciphered, ciphered.slice(0, -4) + (ciphered.endsWith('AAA=') ? 'BBB=' : 'AAA='))
    expect(
      await valid({ ...delivered, body: new TextEncoder().encode(tampered) }, [{ material: token }], scheme('wecom'), {
        now: NOW
      })
    ).toBe(false)

    const ours = await sign(
      request({
        url: `https://corp.example.test/wecom?timestamp=${ts}&nonce=${nonce}`,
        body,
        headers: [['Content-Type', 'text/xml']]
      }),
      { material: token },
      scheme('wecom'),
      {
        now: NOW
      }
    )
    expect(new URL(ours.request.url).searchParams.get('msg_signature')).toBe(wecomSignature(token, ts, nonce, ciphered))
    // Another last character (the ciphertext is random: it may already end in x).
    expect(
      wecomSignature(
        token,
        ts,
        nonce,
        ciphered.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'))
      )
    ).not.toBe(new URL(ours.request.url).searchParams.get('msg_signature'))
  })
})
