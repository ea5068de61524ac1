import { useEffect, useMemo, useState } from 'react'
import { diffRequests, type DiffSide, type Change, type RequestDiff } from '@shared/diff/request-diff'
import type { CapturedRequest } from '@shared/model/capture'
import type { CompareSide } from '../../store/types'
import { formatDateTime } from '../../lib/format'
import { useAppStore } from '../../store'
import { ShownText } from '../../ui/shown-text'
import { VerdictBadge } from '../verify/verdict-badge'

const MARK: Record<Change, string> = { same: ' ', changed: '~', removed: '−', added: '+' }

/** One side: a stored capture, or a request that was composed and not stored. */
type Loaded = { capture: CapturedRequest } | { label: string; request: DiffSide }

const sideRequest = (s: Loaded): DiffSide => ('capture' in s ? s.capture : s.request)
const sideName = (s: CompareSide): string => (typeof s === 'number' ? `#${s}` : s.label)

function Side({ side, label }: { side: Loaded; label: string }) {
  if (!('capture' in side)) {
    return (
      <div className="diff-side" data-testid={`diff-${label}`}>
        <span className="muted small">{label}</span> <strong>{side.label}</strong>{' '}
        <span className="muted small">not sent, not checked</span>
      </div>
    )
  }
  const c = side.capture
  return (
    <div className="diff-side" data-testid={`diff-${label}`}>
      <span className="muted small">{label}</span> <strong>#{c.id}</strong>{' '}
      <span className="muted small">{formatDateTime(c.receivedAt)}</span>{' '}
      {c.verdict ? (
        <VerdictBadge verdict={c.verdict} reason={c.verdictReason} replay={c.replay} />
      ) : (
        <span className="muted small">not checked</span>
      )}
      {c.verdictReason && <span className="small error-text"> {c.verdictReason}</span>}
    </div>
  )
}

/** Two captures side by side: request line, headers (order and case aware), body by JSON path, line or hex row. */
export function DiffView() {
  const compare = useAppStore((s) => s.compare)!
  const openCompare = useAppStore((s) => s.openCompare)
  const closeCompare = useAppStore((s) => s.closeCompare)
  const items = useAppStore((s) => s.items)
  const pair = useComparedPair(compare.left, compare.right)
  const [ignoreOrder, setIgnoreOrder] = useState(false)
  const [onlyChanges, setOnlyChanges] = useState(false)

  // Verdicts change after a re-verify: keep the sides' summaries current from the list.
  const fresh = (s: Loaded | null): Loaded | null => {
    const summary = s && 'capture' in s && items.find((i) => i.id === s.capture.id)
    return s && 'capture' in s && summary ? { capture: { ...s.capture, ...summary } } : s
  }
  const [left, right] = pair ? [fresh(pair[0]), fresh(pair[1])] : [null, null]
  const diff = useMemo(
    () =>
      left && right ? diffRequests(sideRequest(left), sideRequest(right), { ignoreHeaderOrder: ignoreOrder }) : null,
    [left, right, ignoreOrder]
  )
  const show = (change: Change): boolean => !onlyChanges || change !== 'same'

  return (
    <div className="detail diff" data-testid="diff-view">
      <header className="detail-head">
        <div className="detail-title">
          <h2 className="setup-title">
            Compare {sideName(compare.left)} ⟷ {sideName(compare.right)}
          </h2>
          {diff && <DiffSummary diff={diff} />}
        </div>
        <div className="detail-actions">
          <label className="small">
            <input type="checkbox" checked={ignoreOrder} onChange={(e) => setIgnoreOrder(e.target.checked)} /> Ignore
            header order
          </label>
          <label className="small">
            <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> Only
            changes
          </label>
          {typeof compare.right === 'number' && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => openCompare(compare.right as number, compare.left)}
            >
              Swap
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={closeCompare} title="Back to the capture (Esc)">
            Close
          </button>
        </div>
      </header>
      {pair && (!left || !right) && (
        <p className="error-text">Capture {sideName(!left ? compare.left : compare.right)} no longer exists.</p>
      )}
      {left && right && diff && (
        <>
          <div className="diff-sides">
            <Side side={left} label="left" />
            <Side side={right} label="right" />
          </div>
          <HeadSections diff={diff} show={show} />
          <BodySection diff={diff} show={show} />
        </>
      )}
    </div>
  )
}

/** The two sides loaded (null while loading; a side null when its capture is gone). */
function useComparedPair(leftSide: CompareSide, rightSide: CompareSide): [Loaded | null, Loaded | null] | null {
  const loadCapture = useAppStore((s) => s.loadCapture)
  const [pair, setPair] = useState<[Loaded | null, Loaded | null] | null>(null)
  useEffect(() => {
    let live = true
    setPair(null)
    const load = async (s: CompareSide): Promise<Loaded | null> => {
      if (typeof s !== 'number') return s
      const capture = await loadCapture(s)
      return capture ? { capture } : null
    }
    void Promise.all([load(leftSide), load(rightSide)]).then((p) => live && setPair(p))
    return () => {
      live = false
    }
  }, [leftSide, rightSide, loadCapture])
  return pair
}

function DiffSummary({ diff }: { diff: RequestDiff }) {
  const { headers, body } = diff.counts
  return (
    <p className="muted small" data-testid="diff-summary">
      {diff.requestLine.change === 'same' ? 'same request line' : 'request line differs'} · {headers} header
      {headers === 1 ? '' : 's'} · {body} body {diff.body.kind === 'json' ? 'path' : 'row'}
      {body === 1 ? '' : 's'} differ
    </p>
  )
}

type Shown = { diff: RequestDiff; show: (c: Change) => boolean }

/** The request line and the headers, each row marked same, changed, moved, case-only, removed or added. */
function HeadSections({ diff, show }: Shown) {
  return (
    <>
      <section className="detail-section">
        <h3 className="section-title">Request line</h3>
        <table className="diff-table mono">
          <tbody>
            <tr className={`diff-${diff.requestLine.change}`}>
              <td className="diff-mark">{MARK[diff.requestLine.change]}</td>
              <td>
                <ShownText text={diff.requestLine.left} />
              </td>
              <td>
                <ShownText text={diff.requestLine.right} />
              </td>
            </tr>
          </tbody>
        </table>
      </section>
      <section className="detail-section">
        <h3 className="section-title">
          Headers <span className="muted">· {diff.counts.headers} differ</span>
        </h3>
        <table className="diff-table mono" data-testid="diff-headers">
          <tbody>
            {diff.headers
              .filter((h) => show(h.change))
              .map((h, i) => (
                <tr key={i} className={`diff-${h.change}`} data-change={h.change}>
                  <td
                    className="diff-mark"
                    title={h.caseOnly ? 'Only the case of the name differs' : h.moved ? 'Moved' : h.change}
                  >
                    {h.caseOnly ? 'Aa' : h.moved ? '↕' : MARK[h.change]}
                  </td>
                  <td>{h.left && <ShownText text={`${h.left[0]}: ${h.left[1]}`} />}</td>
                  <td>{h.right && <ShownText text={`${h.right[0]}: ${h.right[1]}`} />}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </>
  )
}

/** The body by JSON path, by line or by hex row, as the two bodies allow. */
function BodySection({ diff, show }: Shown) {
  return (
    <section className="detail-section">
      <h3 className="section-title">
        Body{' '}
        <span className="muted">
          ·{' '}
          {diff.body.kind === 'json'
            ? 'by JSON path'
            : diff.body.kind === 'hex'
              ? 'hex'
              : diff.body.kind === 'text'
                ? 'by line'
                : 'both empty'}
        </span>
      </h3>
      {diff.body.kind === 'json' && (
        <table className="diff-table mono" data-testid="diff-body">
          <tbody>
            {diff.body.rows
              .filter((r) => show(r.change))
              .map((r) => (
                <tr key={r.path} className={`diff-${r.change}`} data-change={r.change} data-path={r.path}>
                  <td className="diff-mark">{MARK[r.change]}</td>
                  <td className="diff-path">
                    <ShownText text={r.path} />
                  </td>
                  <td>{r.left !== undefined && <ShownText text={r.left} />}</td>
                  <td>{r.right !== undefined && <ShownText text={r.right} />}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {(diff.body.kind === 'text' || diff.body.kind === 'hex') && (
        <table className="diff-table mono" data-testid="diff-body">
          <tbody>
            {diff.body.rows
              .filter((r) => show(r.change))
              .map((r, i) => (
                <tr key={i} className={`diff-${r.change}`} data-change={r.change}>
                  <td className="diff-mark">{MARK[r.change]}</td>
                  <td colSpan={3}>
                    <ShownText text={r.text} />
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
