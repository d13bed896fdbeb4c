// The event's units as an editable table: name, group, leader, quotas per category and slot.
// Each row saves on its own; a delete the server refuses shows its reason on that row.
import { useState } from 'preact/hooks';
import type { UnitDraft } from '../../shared/event-setup.ts';
import type { Unit } from '../../shared/schemas.ts';
import { QuotaEditor, quotasFrom } from './quota-editor.tsx';
import { deleteUnit, saveUnit } from './setup-api.ts';
import { say, sayError } from '../i18n.ts';
import { slotProblems } from '../../domain/event-checks.ts';
import { ts } from './setup-strings.ts';

const QUOTA_REASONS = { notNumber: 'quotaNotNumber', categoryNeeded: 'categoryNeeded', duplicate: 'categoryTwice' } as const;

/** The unit as typed, or the set-up string that says what is wrong with its quotas. */
function draftOf(form: HTMLFormElement, id: number | undefined): { draft: UnitDraft } | { problem: (typeof QUOTA_REASONS)[keyof typeof QUOTA_REASONS] } {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const read = quotasFrom(data);
  if (!read.ok) return { problem: QUOTA_REASONS[read.reason] };
  const draft: UnitDraft = { id, name: text('name'), quotas: read.quotas };
  if (text('group')) draft.group = text('group');
  if (text('leaderName')) draft.leaderName = text('leaderName');
  if (text('leaderPhone')) draft.leaderPhone = text('leaderPhone');
  if (text('slotFrom') && text('slotTo')) draft.slot = { from: text('slotFrom'), to: text('slotTo') };
  return { draft };
}

function UnitRow({ eventId, opensAt, unit, onSaved, onDeleted }: { eventId: number; opensAt?: string; unit?: Unit; onSaved: (u: Unit) => void; onDeleted: () => void }) {
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const formId = `unit-${unit?.id ?? 'new'}`;
  async function submit(e: Event) {
    e.preventDefault();
    const read = draftOf(e.target as HTMLFormElement, unit?.id);
    if ('problem' in read) { setNote({ ok: false, text: ts(read.problem) }); return; }
    const { draft } = read;
    const problems = slotProblems(draft.slot, opensAt);
    const refused = problems.find((p) => p.severity === 'refuse');
    if (refused) { setNote({ ok: false, text: say(refused) }); return; }
    try {
      onSaved(await saveUnit(eventId, draft));
      setNote({ ok: problems.length === 0, text: [ts('saved'), ...problems.map(say)].join(' ') });
    } catch (err) { setNote({ ok: false, text: sayError(err) }); }
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
        <td><QuotaEditor formId={formId} quotas={unit?.quotas} /></td>
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
export function UnitsEditor({ eventId, opensAt, units: initial }: { eventId: number; opensAt?: string; units: Unit[] }) {
  const [units, setUnits] = useState(initial);
  const [adding, setAdding] = useState(0);
  return (
    <section class="card" data-testid="units-editor">
      <h2>{ts('unitsTitle')}</h2>
      <div class="table-wrap">
        <table class="units-table">
          <colgroup><col class="c-name" /><col class="c-group" /><col class="c-leader" /><col class="c-phone" /><col class="c-quotas" /><col class="c-slot" /><col class="c-actions" /></colgroup>
          <thead><tr><th>{ts('unitName')}</th><th>{ts('group')}</th><th>{ts('leader')}</th><th>{ts('leaderPhone')}</th><th>{ts('quotas')}</th><th>{ts('slot')}</th><th><span class="visually-hidden">{ts('actions')}</span></th></tr></thead>
          <tbody>
            {units.map((u) => <UnitRow key={u.id} eventId={eventId} opensAt={opensAt} unit={u}
              onSaved={(saved) => setUnits(units.map((x) => (x.id === saved.id ? saved : x)))} onDeleted={() => setUnits(units.filter((x) => x.id !== u.id))} />)}
            <UnitRow key={`new-${adding}`} eventId={eventId} opensAt={opensAt} onSaved={(saved) => { setUnits([...units, saved]); setAdding(adding + 1); }} onDeleted={() => undefined} />
          </tbody>
        </table>
      </div>
    </section>
  );
}
