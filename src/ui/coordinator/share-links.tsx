// The coordinator makes, lists and revokes unit leaders' read-only links. A link is shown once,
// right after it is made: the server keeps only its hash.
import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { BoardMeta, ShareLinkOffer, ShareLinkRow } from '../../shared/board.ts';
import type { Unit } from '../../shared/schemas.ts';
import { requestJson } from '../../sync/http.ts';
import { sayError } from '../i18n.ts';
import { tt } from '../tally/tally-strings.ts';


/** Share links of one event, with a unit picker to make a new one. */
export function ShareLinksCard({ eventId }: { eventId: number }) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [rows, setRows] = useState<ShareLinkRow[]>([]);
  const [unitId, setUnitId] = useState<number>();
  const [made, setMade] = useState<ShareLinkOffer>();
  const [error, setError] = useState<string>();
  const refresh = async () => {
    try { setRows((await requestJson(`/api/events/${eventId}/shares`, z.array(ShareLinkRow))).body); } catch (e) { setError(sayError(e)); }
  };
  useEffect(() => {
    void requestJson(`/api/events/${eventId}/board`, BoardMeta).then(({ body }) => { setUnits(body.units); setUnitId(body.units[0]?.id); }, (e) => setError(sayError(e)));
    void refresh();
  }, [eventId]);
  const name = (id: number) => units.find((u) => u.id === id)?.name ?? `#${id}`;
  async function make() {
    if (unitId === undefined) return;
    try {
      setMade((await requestJson(`/api/events/${eventId}/units/${unitId}/shares`, ShareLinkOffer, { method: 'POST', body: '{}' })).body);
      setError(undefined);
      await refresh();
    } catch (e) { setError(sayError(e)); }
  }
  async function revoke(id: string) {
    try { await requestJson(`/api/shares/${encodeURIComponent(id)}/revoke`, z.unknown(), { method: 'POST', body: '{}' }); } catch (e) { setError(sayError(e)); }
    await refresh();
  }
  return (
    <section class="card share-links" data-testid="share-links">
      <h2>{tt('shareLinks')}</h2>
      <div class="share-make">
        <select aria-label={tt('unit')} value={unitId} onChange={(e) => setUnitId(Number((e.target as HTMLSelectElement).value))} data-testid="share-unit">
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
        <button class="primary" onClick={make} data-testid="make-share">{tt('makeShare')}</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {made && (
        <p class="share-made"><span class="muted">{tt('shareOnce')}</span><br />
          <input readOnly value={made.url} data-testid="share-url" onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <button onClick={() => void navigator.clipboard?.writeText(made.url)}>{tt('copy')}</button>
        </p>
      )}
      <ul>
        {rows.map((r) => (
          <li key={r.id} data-share={r.id}>
            {name(r.unitId)} {r.revoked ? <span class="muted">· {tt('revokedShare')}</span> : <button class="secondary" onClick={() => revoke(r.id)} data-testid="revoke-share">{tt('revokeShare')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
