// Walk-ins to review after (or during) the event: add each to their unit's roster, or merge
// them with the roster entry they were.
import { useEffect, useState } from 'preact/hooks';
import { clockOf } from '../../domain/event-time.ts';
import type { EventPackage } from '../../shared/schemas.ts';
import { sayError } from '../i18n.ts';
import type { WalkInRow } from '../../shared/coordinator.ts';
import { eventWithoutRoster, listWalkIns, resolveWalkIn } from './setup-api.ts';
import { ts } from './setup-strings.ts';

/** The walk-ins of one event. */
export function WalkInsPanel({ eventId }: { eventId: number }) {
  const [pkg, setPkg] = useState<EventPackage>();
  const [rows, setRows] = useState<WalkInRow[]>([]);
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const refresh = () => listWalkIns(eventId).then(setRows, (e) => setNote({ ok: false, text: sayError(e) }));
  useEffect(() => { void eventWithoutRoster(eventId).then(setPkg); void refresh(); }, [eventId]);
  async function resolve(row: WalkInRow, no?: number) {
    try {
      const assigned = await resolveWalkIn(eventId, row.personKey, no);
      setNote({ ok: true, text: `${row.name} → ${ts('codeNo').toLowerCase()} ${assigned}. ${ts('desksWillUpdate')}` });
      await refresh();
    } catch (e) { setNote({ ok: false, text: sayError(e) }); }
  }
  const unitName = (id: number) => pkg?.units.find((u) => u.id === id)?.name ?? String(id);
  const zone = pkg?.event.timeZone ?? 'Asia/Ho_Chi_Minh';
  return (
    <section class="card" data-testid="walk-ins">
      <h2>{ts('walkInsTitle')}</h2>
      <p class="muted">{ts('walkInsHelp')}</p>
      {note && <p class={note.ok ? 'ok-note' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
      {rows.length === 0 ? <p class="muted">{ts('noWalkIns')}</p> : (
        <table class="devices">
          <tbody>
            {rows.map((row) => (
              <tr key={row.personKey}>
                <td><strong>{row.name}</strong><br /><span class="muted">{row.phone ?? ''}</span></td>
                <td>{unitName(row.unitId)}<br /><span class="muted">{row.category}</span></td>
                <td>{clockOf(row.at, zone)} · {row.deskId}</td>
                <td><button class="secondary" onClick={() => void resolve(row)}>{ts('addToRoster')}</button></td>
                <td>
                  <form class="row" onSubmit={(e) => { e.preventDefault(); void resolve(row, Number(new FormData(e.target as HTMLFormElement).get('no'))); }}>
                    <input name="no" inputMode="numeric" pattern="[0-9]+" required placeholder={ts('mergeWith')} aria-label={ts('mergeWith')} />
                    <button type="submit" class="secondary">{ts('merge')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
