import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SCHEMES, sign, verify, type SchemeDefinition, type SignableRequest } from '@shared/signatures'
import { coversBody } from '@shared/signatures/coverage'
import { keysFor } from '../../helpers/scheme-keys'
import { removeSignatureField } from '@shared/signatures/location'

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const enc = new TextEncoder()
const alnum = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')),
  minLength: 1,
  maxLength: 12
})

/** A request shaped for the scheme, and the byte ranges whose change must break the signature. */
interface Case {
  req: SignableRequest
  /** [start, end) of bytes the signature covers. */
  covered: [number, number]
}

function base(body: string | Uint8Array, over: Partial<SignableRequest> = {}): SignableRequest {
  return {
    method: 'POST',
    url: 'https://hooks.example.test/in?x=1',
    headers: [['Content-Type', 'application/json']],
    body: typeof body === 'string' ? enc.encode(body) : body,
    ...over
  }
}

function caseFor(s: SchemeDefinition): fc.Arbitrary<Case> {
  switch (s.id) {
    case 'twilio':
    case 'alipay':
    case 'mailchimp':
      return fc.dictionary(alnum, alnum, { minKeys: 1, maxKeys: 6 }).map((d) => {
        const body = Object.entries(d)
          .map(([k, v]) => `k${k}=${v}`)
          .join('&')
        return {
          req: base(body, { headers: [['Content-Type', 'application/x-www-form-urlencoded']] }),
          covered: [0, body.length]
        }
      })
    case 'adyen':
      return fc.tuple(alnum, alnum, fc.nat(99999)).map(([psp, ref, value]) => {
        const json = JSON.stringify({
          pspReference: psp,
          merchantAccountCode: 'M',
          merchantReference: ref,
          amount: { value, currency: 'EUR' },
          eventCode: 'AUTHORISATION',
          success: 'true'
        })
        const at = json.indexOf(psp)
        return { req: base(json), covered: [at, at + psp.length] }
      })
    case 'linear':
      // Linear's timestamp is a number inside the signed JSON body.
      return alnum.map((id) => {
        const json = JSON.stringify({ action: 'create', type: 'Issue', data: { id }, webhookTimestamp: NOW })
        const at = json.indexOf(id)
        return { req: base(json), covered: [at, at + id.length] }
      })
    case 'sns':
    case 'sns-v1':
      // Amazon SNS signs named JSON fields; the version it was signed with rides in the body.
      return alnum.map((message) => {
        const json = JSON.stringify({
          Type: 'Notification',
          MessageId: 'm-1',
          TopicArn: 'arn:aws:sns:us-east-1:1:t',
          Message: message,
          SignatureVersion: s.id === 'sns' ? '2' : '1'
        })
        const at = json.indexOf(message)
        return { req: base(json), covered: [at, at + message.length] }
      })
    case 'wix':
      // The body is the JWS: header and payload parts signed, the signature appended as its third part.
      return alnum.map((id) => {
        const input = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ data: id })).toString('base64url')}`
        const at = input.indexOf('.') + 1
        return { req: base(input), covered: [at, input.length] }
      })
    case 'midtrans':
      // Midtrans signs three JSON fields (and its key).
      return alnum.map((order) => {
        const json = JSON.stringify({
          order_id: order,
          status_code: '200',
          gross_amount: '10.00',
          transaction_status: 'settlement'
        })
        const at = json.indexOf(order)
        return { req: base(json), covered: [at, at + order.length] }
      })
    case 'mailgun':
      return alnum.map((token) => {
        const json = JSON.stringify({ signature: { token }, 'event-data': { event: 'delivered' } })
        const at = json.indexOf(token)
        return { req: base(json), covered: [at, at + token.length] }
      })
    case 'favro':
      // Favro signs payloadId + hook.url, two fields of the body.
      return alnum.map((payloadId) => {
        const json = JSON.stringify({ payloadId, hook: { url: 'https://hooks.example.test/favro' }, action: 'created' })
        const at = json.indexOf('"payloadId":"') + '"payloadId":"'.length
        return { req: base(json), covered: [at, at + payloadId.length] }
      })
    case 'praxis':
      // Praxis signs named fields of the notification (and its secret).
      return alnum.map((token) => {
        const json = JSON.stringify({
          merchant_id: 'API-Acme',
          application_key: 'Acme',
          timestamp: 1765097970,
          customer: { customer_token: token },
          session: { order_id: 'o-1' },
          transaction: { tid: 1, currency: 'EUR', amount: 100 }
        })
        const at = json.indexOf('"customer_token":"') + '"customer_token":"'.length
        return { req: base(json), covered: [at, at + token.length] }
      })
    case 'treezor':
      // Treezor signs object_payload (re-encoded) and carries the signature in the body.
      return alnum.map((comment) => {
        const json = JSON.stringify({ webhook: 'payin.update', object_payload: { payins: [{ comment }] } })
        const at = json.indexOf('"comment":"') + '"comment":"'.length
        return { req: base(json), covered: [at, at + comment.length] }
      })
    case 'solidgate':
      // The merchant header (the webhook's public key) is signed around the body.
      return fc.uint8Array({ minLength: 1, maxLength: 300 }).map((body) => ({
        req: base(body, {
          headers: [
            ['Content-Type', 'application/json'],
            ['merchant', 'wh_pk_3d5f2a81']
          ]
        }),
        covered: [0, body.length]
      }))
    case 'paypro-global':
      // PayPro Global signs named form fields (and its key).
      return alnum.map((orderId) => {
        const form = `ORDER_ID=${orderId}&ORDER_STATUS=Processed&ORDER_TOTAL_AMOUNT=9.99&CUSTOMER_EMAIL=a%40b.test&TEST_MODE=1&IPN_TYPE_NAME=OrderCharged`
        return { req: base(form), covered: ['ORDER_ID='.length, 'ORDER_ID='.length + orderId.length] }
      })
    case 'exact-online':
      // Exact Online signs its Content member as the body has it (the signature follows it, in HashCode).
      return alnum.map((topic) => {
        const json = `{"Content":{"Topic":"${topic}","Division":1234567},"HashCode":""}`
        const at = json.indexOf('"Topic":"') + '"Topic":"'.length
        return { req: base(json), covered: [at, at + topic.length] }
      })
    case 'quoter':
      // Quoter signs its timestamp and data form fields (after its key).
      return alnum.map((id) => {
        const form = `timestamp=1765097970&data=${id}`
        return { req: base(form), covered: ['timestamp=1765097970&data='.length, form.length] }
      })
    case 'wecom':
      return alnum.map((enc_) => {
        const xml = `<xml><ToUserName>corp</ToUserName><Encrypt><![CDATA[${enc_}]]></Encrypt></xml>`
        const at = xml.indexOf(enc_)
        return {
          req: base(xml, { url: 'https://corp.example.test/wecom?nonce=12345' }),
          covered: [at, at + enc_.length]
        }
      })
    default:
      return fc.uint8Array({ minLength: 1, maxLength: 300 }).map((body) => ({
        // Nonces are sender-chosen headers inside the signed content of these schemes.
        req: base(body, {
          headers: [
            ['Content-Type', 'application/json'],
            ['Wechatpay-Nonce', 'n0nce'],
            ['X-Lark-Request-Nonce', 'n0nce'],
            ['PAYPAL-TRANSMISSION-ID', 'd938e770-8046-11e6'],
            ['X-Plivo-Signature-V2-Nonce', '05429567804466091622'],
            ['x-oura-timestamp', '1765097970'],
            ['x-contentful-signed-headers', 'x-contentful-signed-headers,x-contentful-timestamp']
          ]
        }),
        covered: [0, body.length]
      }))
  }
}

const PARAMS = { appKey: 'app-123', clientKey: 'client-abc', webhookId: '9XL90610J3647323C', env: 'master' }
const SHIPPED = SCHEMES

const withoutSignature = (req: SignableRequest, s: SchemeDefinition): SignableRequest =>
  removeSignatureField(req, s.signature)

describe('every shipped scheme: verify(sign(r)) and its tamper cases (fast-check, fixed clock)', () => {
  for (const s of SHIPPED) {
    const runs = s.algorithm.startsWith('rsa-') ? 8 : 25
    it(`${s.id}`, async () => {
      let tamperChecks = 0
      await fc.assert(
        fc.asyncProperty(
          caseFor(s),
          fc.uint8Array({ minLength: 8, maxLength: 40 }),
          fc.nat(),
          fc.nat(),
          async (c, seed, flipAt, idSeed) => {
            const { signing, verifying } = keysFor(s, seed)
            const opts = { now: NOW, params: PARAMS, id: `msg_${idSeed}` }
            const signed = await sign(c.req, signing, s, opts)
            const ok = await verify(signed.request, [verifying], s, { now: NOW, params: PARAMS, diagnose: false })
            expect(ok.reason).toBeNull()
            expect(ok.valid).toBe(true)

            // One body byte changed inside the covered range.
            const [start, end] = c.covered
            const at = start + (flipAt % (end - start))
            const body = signed.request.body.slice()
            // Locate the same covered bytes in the signed body (a form/JSON signature field may have been added after them).
            const orig = c.req.body
            if (body.length >= orig.length && body[at] === orig[at]) {
              body[at] =
                body[at]! >= 0x30 && body[at]! <= 0x39
                  ? body[at] === 0x39
                    ? 0x30
                    : body[at]! + 1
                  : body[at] === 0x61
                    ? 0x62
                    : 0x61
              if (body[at] === orig[at]) body[at] = 0x7a
              tamperChecks++
              const tampered = await verify({ ...signed.request, body }, [verifying], s, {
                now: NOW,
                params: PARAMS,
                diagnose: false
              })
              // A JWT that binds the body by its digest (FusionAuth) says the body is not the one signed.
              const byClaim = s.signedContent.some((p) => 'part' in p && p.part === 'header-jwt' && p.bodyClaim)
              if (coversBody(s.signedContent))
                expect(tampered.reason).toBe(byClaim ? 'body-digest-mismatch' : 'signature-mismatch')
              else {
                expect(tampered.valid).toBe(true)
                expect(tampered.bodyCovered).toBe(false)
                expect(tampered.notices.join(' ')).toMatch(/not/i)
              }
            }

            if (s.timestamp?.toleranceSec !== undefined) {
              const late = await verify(signed.request, [verifying], s, {
                now: NOW + (s.timestamp.toleranceSec + 5) * 1000,
                params: PARAMS,
                diagnose: false
              })
              expect(late.reason).toBe('stale-timestamp')
            }

            const dropped = await verify(withoutSignature(signed.request, s), [verifying], s, {
              now: NOW,
              params: PARAMS,
              diagnose: false
            })
            expect(dropped.valid).toBe(false)
            expect(['missing-header', 'malformed-signature']).toContain(dropped.reason)
          }
        ),
        { numRuns: runs, seed: 20261123 }
      )
      expect(tamperChecks).toBe(runs)
    })
  }

  it('apsdai says plainly that the body is not covered', async () => {
    const s = SHIPPED.find((x) => x.id === 'apsdai')!
    const signed = await sign(base('{"order_id":"A1"}'), { material: 'apsdai-secret' }, s, { now: NOW })
    const r = await verify(
      { ...signed.request, body: enc.encode('{"order_id":"EVIL"}') },
      [{ material: 'apsdai-secret' }],
      s,
      { now: NOW }
    )
    expect(r).toMatchObject({ valid: true, bodyCovered: false })
    expect(r.message).toContain('The body is NOT covered')
    expect(r.notices[0]).toMatch(/NOT the body/)
  })
})
