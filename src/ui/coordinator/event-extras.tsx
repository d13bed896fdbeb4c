// The event's desks and its online registration settings (open, closing time in the event's
// time zone, caps per unit), with the public link and its printable poster.
import { useEffect, useState } from 'preact/hooks';
import { clockOf, zonedInstant } from '../../domain/event-time.ts';
import type { RegistrationSettings } from '../../shared/event-setup.ts';
import type { Desk, EventPackage } from '../../shared/schemas.ts';
import { registrationOf, saveDesks, saveRegistration } from './setup-api.ts';
import { sayError } from '../i18n.ts';
import { ts } from './setup-strings.ts';

type Note = { ok: boolean; text: string } | undefined;
const NoteLine = ({ note }: { note: Note }) => note ? <p class={note.ok ? 'ok-note' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p> : null;

/** The desk list: rename, add, drop (a desk in use cannot be dropped; the server says so). */
export function DesksEditor({ eventId, desks: initial }: { eventId: number; desks: Desk[] }) {
  const [desks, setDesks] = useState(initial);
  const [note, setNote] = useState<Note>();
  const edit = (i: number, patch: Partial<Desk>) => setDesks(desks.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  async function save() {
    try { await saveDesks(eventId, desks); setNote({ ok: true, text: ts('saved') }); } catch (err) { setNote({ ok: false, text: sayError(err) }); }
  }
  return (
    <section class="card" data-testid="desks-editor">
      <h2>{ts('desksTitle')}</h2>
      {desks.map((d, i) => (
        <div class="row desk-row" key={i}>
          <input value={d.id} aria-label={ts('deskId')} onInput={(e) => edit(i, { id: (e.target as HTMLInputElement).value })} />
          <input value={d.name} aria-label={ts('deskName')} onInput={(e) => edit(i, { name: (e.target as HTMLInputElement).value })} />
          <button class="secondary" type="button" onClick={() => setDesks(desks.filter((_, j) => j !== i))}>{ts('delete')}</button>
        </div>
      ))}
      <div class="row">
        <button type="button" class="secondary" onClick={() => setDesks([...desks, { id: `ban-${desks.length + 1}`, name: `Bàn ${desks.length + 1}` }])}>{ts('addDesk')}</button>
        <button type="button" class="primary" data-testid="save-desks" onClick={save}>{ts('save')}</button>
      </div>
      <NoteLine note={note} />
    </section>
  );
}

/** Registration settings and the public link. */
export function RegistrationEditor({ pkg }: { pkg: EventPackage }) {
  const { event, units } = pkg;
  const [settings, setSettings] = useState<RegistrationSettings>();
  const [note, setNote] = useState<Note>();
  useEffect(() => { void registrationOf(event.id).then(setSettings, (e) => setNote({ ok: false, text: sayError(e) })); }, [event.id]);
  if (!settings) return <NoteLine note={note} />;
  const closes = settings.closesAt;
  const closesDate = closes === undefined ? '' : new Intl.DateTimeFormat('en-CA', { timeZone: event.timeZone }).format(closes);
  async function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const date = String(data.get('closesDate') ?? '');
    const clock = String(data.get('closesClock') ?? '');
    const caps: Record<string, number> = {};
    for (const u of units) { const cap = String(data.get(`cap-${u.id}`) ?? '').trim(); if (cap !== '') caps[String(u.id)] = Number(cap); }
    const next: RegistrationSettings = { open: data.get('open') === 'on', caps };
    if (date && clock) next.closesAt = zonedInstant(date, clock, event.timeZone);
    try { setSettings(await saveRegistration(event.id, next)); setNote({ ok: true, text: ts('saved') }); } catch (err) { setNote({ ok: false, text: sayError(err) }); }
  }
  const link = `${location.origin}/r/${event.id}`;
  return (
    <form class="card" onSubmit={submit} data-testid="registration-editor">
      <h2>{ts('registrationTitle')}</h2>
      <p>{ts('publicLink')}: <a href={link} target="_blank" rel="noopener" data-testid="registration-link">{link}</a> ·{' '}
        <a href={`/r/${event.id}/poster`} target="_blank" rel="noopener">{ts('poster')}</a></p>
      <div class="form-grid">
        <label class="inline"><input type="checkbox" name="open" defaultChecked={settings.open} /> {ts('registrationOpen')}</label>
        <label>{ts('closesAt')} ({ts('date')})<input type="date" name="closesDate" defaultValue={closesDate} /></label>
        <label>{ts('closesAt')} ({event.timeZone})<input type="time" name="closesClock" defaultValue={closes === undefined ? '' : clockOf(closes, event.timeZone)} /></label>
      </div>
      <fieldset class="caps"><legend>{ts('caps')}</legend>
        {units.map((u) => (
          <label key={u.id}>{u.name}
            <input type="number" min="0" step="1" name={`cap-${u.id}`} defaultValue={String(settings.caps[String(u.id)] ?? '')}
              placeholder={String(u.quotas.reduce((s, q) => s + q.quota, 0))} />
          </label>
        ))}
      </fieldset>
      <button class="primary" type="submit" data-testid="save-registration">{ts('save')}</button>
      <NoteLine note={note} />
    </form>
  );
}
