// The event's units as an editable table: name, group, leader, quotas per category and slot.
// Each row saves on its own; a delete the server refuses shows its reason on that row.
import { useState } from 'preact/hooks';
import type { UnitDraft } from '../../shared/event-setup.ts';
import type { Quota, Unit } from '../../shared/schemas.ts';
import { deleteUnit, saveUnit } from './setup-api.ts';
import { sayError } from '../i18n.ts';
import { ts } from './setup-strings.ts';

const quotasText = (quotas: readonly Quota[]) => quotas.map((q) => `${q.category}: ${q.quota}`).join('; ');

/** "Giáo viên: 50; Học sinh: 200" → quotas; undefined when a number is not a whole number. */
export function parseQuotas(text: string): Quota[] | undefined {
  const quotas: Quota[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(.+?)\s*:\s*(\S+)$/.exec(part);
    if (!match || !/^\d+$/.test(match[2]!)) return undefined;
    quotas.push({ category: match[1]!.trim(), quota: Number(match[2]) });
  }
  return quotas.length > 0 ? quotas : undefined;
}

function draftOf(form: HTMLFormElement, id: number | undefined): UnitDraft | undefined {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const quotas = parseQuotas(text('quotas'));
  if (!quotas) return undefined;
  const draft: UnitDraft = { id, name: text('name'), quotas };
  if (text('group')) draft.group = text('group');
  if (text('leaderName')) draft.leaderName = text('leaderName');
  if (text('leaderPhone')) draft.leaderPhone = text('leaderPhone');
  if (text('slotFrom') && text('slotTo')) draft.slot = { from: text('slotFrom'), to: text('slotTo') };
  return draft;
}

function UnitRow({ eventId, unit, onSaved, onDeleted }: { eventId: number; unit?: Unit; onSaved: (u: Unit) => void; onDeleted: () => void }) {
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const formId = `unit-${unit?.id ?? 'new'}`;
  async function submit(e: Event) {
    e.preventDefault();
    const draft = draftOf(e.target as HTMLFormElement, unit?.id);
    if (!draft) { setNote({ ok: false, text: ts('quotaNotNumber') }); return; }
    try { onSaved(await saveUnit(eventId, draft)); setNote({ ok: true, text: ts('saved') }); } catch (err) { setNote({ ok: false, text: sayError(err) }); }
  }
  async function remove() {
    try { await deleteUnit(eventId, unit!.id); onDeleted(); } catch (err) { setNote({ ok: false, text: sayError(err) }); }
  }
  return (
    <>
      <tr data-unit={unit?.id ?? 'new'}>
        <td><form id={formId} onSubmit={submit} /><input form={formId} name="name" required defaultValue={unit?.name} aria-label={ts('unitName')} /></td>
        <td><input form={formId} name="group" defaultValue={unit?.group} aria-label={ts('group')} /></td>
        <td><input form={formId} name="leaderName" defaultValue={unit?.leaderName} aria-label={ts('leader')} /></td>
        <td><input form={formId} name="leaderPhone" defaultValue={unit?.leaderPhone} aria-label={ts('leaderPhone')} /></td>
        <td><input form={formId} name="quotas" required defaultValue={unit ? quotasText(unit.quotas) : ''} aria-label={ts('quotas')} data-testid="unit-quotas" /></td>
        <td><div class="slot"><input form={formId} name="slotFrom" type="time" defaultValue={unit?.slot?.from} aria-label={ts('slot')} />
          <input form={formId} name="slotTo" type="time" defaultValue={unit?.slot?.to} aria-label={ts('slot')} /></div></td>
        <td><div class="actions"><button form={formId} type="submit" data-testid="save-unit">{ts('save')}</button>
          {unit && <button type="button" class="secondary" data-testid="delete-unit" onClick={remove}>{ts('delete')}</button>}</div></td>
      </tr>
      {note && <tr class="unit-note"><td colSpan={7} class={note.ok ? 'ok-note' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</td></tr>}
    </>
  );
}

/** The units table of one event. */
export function UnitsEditor({ eventId, units: initial }: { eventId: number; units: Unit[] }) {
  const [units, setUnits] = useState(initial);
  const [adding, setAdding] = useState(0);
  return (
    <section class="card" data-testid="units-editor">
      <h2>{ts('unitsTitle')}</h2>
      <div class="table-wrap">
        <table class="units-table">
          <colgroup><col class="c-name" /><col class="c-group" /><col class="c-leader" /><col class="c-phone" /><col class="c-quotas" /><col class="c-slot" /><col class="c-actions" /></colgroup>
          <thead><tr><th>{ts('unitName')}</th><th>{ts('group')}</th><th>{ts('leader')}</th><th>{ts('leaderPhone')}</th><th>{ts('quotas')}</th><th>{ts('slot')}</th><th /></tr></thead>
          <tbody>
            {units.map((u) => <UnitRow key={u.id} eventId={eventId} unit={u}
              onSaved={(saved) => setUnits(units.map((x) => (x.id === saved.id ? saved : x)))} onDeleted={() => setUnits(units.filter((x) => x.id !== u.id))} />)}
            <UnitRow key={`new-${adding}`} eventId={eventId} onSaved={(saved) => { setUnits([...units, saved]); setAdding(adding + 1); }} onDeleted={() => undefined} />
          </tbody>
        </table>
      </div>
    </section>
  );
}
