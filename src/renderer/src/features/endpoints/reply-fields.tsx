import { HANDSHAKES, type EndpointInput, type Handshake } from '@shared/model/vault'

const HANDSHAKE_LABEL: Record<Handshake, string> = {
  'echo-hook-secret': 'Echo X-Hook-Secret (Asana)',
  'challenge-query': 'Answer GET ?challenge= (Dropbox)',
  'meta-subscribe': 'Answer hub.challenge (Meta; setting verifyToken)',
  'twitter-crc': 'Answer the CRC with the key (X)',
  'smartcar-verify': 'Answer VERIFY with the key (Smartcar)',
  'linkedin-challenge': 'Answer GET ?challengeCode= with the key (LinkedIn)',
  'oura-verify': 'Answer GET ?challenge= (Oura; setting verificationToken)',
  'ebay-challenge': 'Answer GET ?challenge_code= (eBay; settings verificationToken, endpointUrl)',
  'invalid-401': '401 to an invalid signature (Xero)'
}

type FormProps = { form: EndpointInput; setForm: (f: EndpointInput) => void }

/** What the sender gets back: status, content type, body, delay, simulated failures, or a provider's handshake. */
export function ReplyFields({ form, setForm }: FormProps) {
  const contentType = form.reply.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
  const reply = (patch: Partial<EndpointInput['reply']>): void =>
    setForm({ ...form, reply: { ...form.reply, ...patch } })
  return (
    <>
      <label>
        <span className="muted small">Reply status</span>
        <input
          type="number"
          value={form.reply.status}
          onChange={(e) => reply({ status: Number(e.target.value) })}
          aria-label="Reply status"
        />
      </label>
      <label>
        <span className="muted small">Reply Content-Type</span>
        <input
          value={contentType}
          aria-label="Reply content type"
          onChange={(e) => reply({ headers: withContentType(form.reply.headers, e.target.value) })}
        />
      </label>
      <label className="wide">
        <span className="muted small">Reply body</span>
        <textarea
          rows={2}
          className="mono"
          value={form.reply.body}
          onChange={(e) => reply({ body: e.target.value })}
          aria-label="Reply body"
        />
      </label>
      <label>
        <span className="muted small">Delay (ms)</span>
        <input
          type="number"
          value={form.reply.delayMs}
          onChange={(e) => reply({ delayMs: Number(e.target.value) })}
          aria-label="Reply delay"
        />
      </label>
      <label>
        <span className="muted small">Failure rate (%) — answer 500 to test retries</span>
        <input
          type="number"
          value={form.reply.failureRate}
          onChange={(e) => reply({ failureRate: Number(e.target.value) })}
          aria-label="Failure rate"
        />
      </label>
      <label>
        <span className="muted small">Handshake — answered in place of the reply</span>
        <select
          aria-label="Handshake"
          value={form.reply.handshake ?? ''}
          onChange={(e) => {
            const { handshake: _old, ...rest } = form.reply
            void _old
            setForm({ ...form, reply: e.target.value ? { ...rest, handshake: e.target.value as Handshake } : rest })
          }}
        >
          <option value="">None</option>
          {HANDSHAKES.map((h) => (
            <option key={h} value={h}>
              {HANDSHAKE_LABEL[h]}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}

function withContentType(headers: [string, string][], value: string): [string, string][] {
  return [...headers.filter(([n]) => n.toLowerCase() !== 'content-type'), ['Content-Type', value]]
}
