import { useEffect, useRef, useState } from 'react'
import type { Template } from '@shared/templates/templates'
import { API_PLACEHOLDER, fillRegistration } from '@shared/templates/registration'
import { replyRule } from '@shared/signatures'
import { resolveScheme } from '../../lib/schemes'
import { useAppStore } from '../../store'
import type { Draft } from './drafts'
import type { Endpoint, KeySummary, ReplyRule } from '@shared/model/vault'

function draftOrigin(url: string, path: string): string {
  try {
    const u = new URL(url)
    return u.pathname === path && u.origin !== new URL(API_PLACEHOLDER).origin ? u.origin : ''
  } catch {
    return ''
  }
}

/**
 * A registration call filled from an endpoint the user picks: the endpoint's URL (the tunnel's public
 * one when it is up), the secret bound to it (an existing key: nothing is generated unless the user
 * asks), sent to the provider's API host from the scheme data. Says what is missing and offers the fix.
 */
export function RegistrationFill({
  template,
  draft,
  onDraft
}: {
  template: Template
  draft: Draft
  onDraft: (d: Draft) => void
}) {
  const r = template.registers!
  const custom = useAppStore((s) => s.customSchemes)
  const scheme = resolveScheme(r.scheme, custom)
  const allEndpoints = useAppStore((s) => s.endpoints)
  const endpoints = allEndpoints.filter((e) => e.scheme === r.scheme)
  const keys = useAppStore((s) => s.keys)
  const tunnel = useAppStore((s) => s.status?.tunnel)
  const listenerUrl = useAppStore((s) => s.status?.url ?? null)
  const refreshSetup = useAppStore((s) => s.refreshSetup)
  const [endpointId, setEndpointId] = useState<number | null>(draft.registersEndpoint ?? endpoints[0]?.id ?? null)
  // The API host from the scheme data, else the one this draft already goes to (a user's earlier choice).
  const [apiBase, setApiBase] = useState(() => scheme?.apiBase ?? draftOrigin(draft.url, template.path))
  const endpoint = endpoints.find((e) => e.id === endpointId) ?? endpoints[0]
  const online = tunnel?.status === 'online'
  const publicUrl = online ? tunnel.publicUrl : (tunnel?.permanentUrl ?? null)
  const endpointUrl = endpoint
    ? `${(publicUrl ?? listenerUrl ?? 'http://127.0.0.1').replace(/\/+$/, '')}${endpoint.pathPrefix.replace(/\/+$/, '')}`
    : null
  const needsSecret = (r.secrets?.length ?? 0) > 0
  const bound = endpoint?.keyIds.map((id) => keys.find((k) => k.id === id)).find((k) => k?.kind === 'secret')
  const expected = scheme ? replyRule(scheme) : null

  useEffect(() => void refreshSetup(), [refreshSetup])
  // The bound secret is read (an explicit choice of this endpoint for this call) to be written into the body.
  const secret = useRevealed(needsSecret && bound?.state === 'ready' ? bound.id : null)

  useFill(template, { endpoint, endpointUrl, apiBase, secret }, draft, onDraft)

  const name = scheme?.name ?? r.scheme
  return (
    <div className="wide registration" data-testid="registration">
      <label>
        <span className="muted small">Endpoint to register</span>
        <select
          aria-label="Endpoint to register"
          value={endpoint?.id ?? ''}
          onChange={(e) => setEndpointId(Number(e.target.value))}
          disabled={!endpoints.length}
        >
          {endpoints.length === 0 && <option value="">none for {name}</option>}
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.pathPrefix})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="muted small">{name} API</span>
        <input
          className="mono"
          aria-label="Provider API"
          value={apiBase}
          placeholder="https://api.provider.example"
          onChange={(e) => setApiBase(e.target.value)}
        />
      </label>
      <RegistrationNotes
        n={{
          name,
          endpoint,
          endpointUrl,
          publicUrl,
          tunnelStatus: tunnel?.status,
          permanent: !!tunnel?.permanentUrl,
          online,
          knowsApi: !!scheme?.apiBase,
          needsSecret,
          bound,
          expected
        }}
      />
    </div>
  )
}

interface Notes {
  name: string
  endpoint: Endpoint | undefined
  endpointUrl: string | null
  publicUrl: string | null
  tunnelStatus: string | undefined
  permanent: boolean
  online: boolean
  knowsApi: boolean
  needsSecret: boolean
  bound: KeySummary | undefined
  expected: ReplyRule | null
}

/** What the filled call registers, and what is missing — each with its fix where Hookscope can make it. */
function RegistrationNotes({ n }: { n: Notes }) {
  const { name, endpoint, endpointUrl, publicUrl, tunnelStatus, permanent, online } = n
  const { knowsApi, needsSecret, bound, expected } = n
  const saveEndpoint = useAppStore((s) => s.saveEndpoint)
  const refreshSetup = useAppStore((s) => s.refreshSetup)
  const replyDiffers =
    endpoint && expected && (endpoint.reply.status !== expected.status || endpoint.reply.body !== expected.body)
  return (
    <ul className="small registration-notes" data-testid="registration-notes">
      {!endpoint && (
        <li className="error-text">
          No endpoint receives {name} deliveries yet: add one in Endpoints, or check a delivery in its verify panel and
          use it for that path.
        </li>
      )}
      {endpoint && (
        <li className="muted">
          Registers <span className="mono">{endpointUrl}</span>
          {publicUrl ? (permanent ? ' (the tunnel’s permanent URL).' : ' (the tunnel’s public URL).') : ''}
        </li>
      )}
      {endpoint && publicUrl && !online && (
        <li className="error-text">
          The tunnel is {tunnelStatus}: {name} cannot reach the URL until it is up again.
        </li>
      )}
      {endpoint && !publicUrl && (
        <li className="error-text">
          No tunnel is up: that URL is local and {name} cannot reach it. Make the listener public first.
        </li>
      )}
      {!knowsApi && (
        <li className="muted">Hookscope does not know {name}’s API host: enter the one your account uses.</li>
      )}
      {endpoint && needsSecret && !bound && (
        <li className="error-text">
          {endpoint.name} has no secret bound, so the call would register none. <GenerateAndBind endpoint={endpoint} />
        </li>
      )}
      {bound && bound.state !== 'ready' && (
        <li className="error-text">
          The bound secret “{bound.name}” is {bound.state}: unlock the vault first.
        </li>
      )}
      {bound && bound.state === 'ready' && (
        <li className="muted">
          secret_key: “{bound.name}”, the key bound to {endpoint?.name}.
        </li>
      )}
      {replyDiffers && (
        <li className="error-text">
          {endpoint.name} replies {endpoint.reply.status} “{endpoint.reply.body}”; {name} expects {expected.status} “
          {expected.body}”.{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void saveEndpoint({ ...endpoint, reply: expected }).then(refreshSetup)}
          >
            Reply as {name} expects
          </button>
        </li>
      )}
    </ul>
  )
}

/** A new 32-character secret, stored and bound to the endpoint. */
function GenerateAndBind({ endpoint }: { endpoint: Endpoint }) {
  const generateKey = useAppStore((s) => s.generateKey)
  const saveEndpoint = useAppStore((s) => s.saveEndpoint)
  const refreshSetup = useAppStore((s) => s.refreshSetup)
  const name = `${endpoint.name} secret_key`
  const bind = async (): Promise<void> => {
    const ok = await generateKey('secret-alnum32', name)
    const key = ok ? useAppStore.getState().keys.findLast((k) => k.name === name) : undefined
    if (key) await saveEndpoint({ ...endpoint, keyIds: [...endpoint.keyIds, key.id] })
    await refreshSetup()
  }
  return (
    <button type="button" className="btn btn-small" onClick={() => void bind()}>
      Generate a 32-character secret and bind it
    </button>
  )
}

interface FillFrom {
  endpoint: Endpoint | undefined
  endpointUrl: string | null
  apiBase: string
  secret: string | null
}

/** The draft refilled when what it is filled from changes (not on every edit of the draft). */
function useFill(template: Template, from: FillFrom, draft: Draft, onDraft: (d: Draft) => void): void {
  const { endpoint, endpointUrl, apiBase, secret } = from
  const latest = useRef(draft)
  latest.current = draft
  useEffect(() => {
    if (!endpoint || !endpointUrl) return
    const filled = fillRegistration(template, { apiBase: apiBase.trim() || null, endpointUrl, secret })
    onDraft({ ...latest.current, url: filled.url, body: filled.body, registersEndpoint: endpoint.id })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [template, endpoint?.id, endpointUrl, apiBase, secret])
}

/** The secret of a stored key, read from the host while `id` is set (null before it comes, and without an id). */
function useRevealed(id: number | null): string | null {
  const revealKey = useAppStore((s) => s.revealKey)
  const [secret, setSecret] = useState<string | null>(null)
  useEffect(() => {
    setSecret(null)
    if (id === null) return
    let live = true
    void revealKey(id).then((s) => live && setSecret(s))
    return () => void (live = false)
  }, [id, revealKey])
  return secret
}
