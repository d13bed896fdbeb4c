// The event's own fields: name, date, venue, time zone, opening time, arrival deadline,
// checkpoints and targets. Used both to edit an event and to create a new one.
import { useState } from 'preact/hooks';
import { DEFAULT_TIME_ZONE, type EventDraft } from '../../shared/event-setup.ts';
import { localDateOf } from '../../domain/event-time.ts';
import { eventTimeProblems, type TimeProblem } from '../../domain/event-checks.ts';
import type { Checkpoint, EventInfo } from '../../shared/schemas.ts';
import { checkpointName, say, sayError } from '../i18n.ts';
import { createEvent, saveEvent } from './setup-api.ts';
import { ts } from './setup-strings.ts';

const CHECKPOINTS: readonly Checkpoint[] = ['registered', 'arrived', 'donated', 'finished'];

/** A new event's fields: dated today on the event's own clock, as of when the form opens. */
export function blankEvent(now: number): EventDraft {
  return { name: '', venue: '', date: localDateOf(now, DEFAULT_TIME_ZONE), timeZone: DEFAULT_TIME_ZONE,
    opensAt: '07:00', checkpoints: ['arrived'], targets: {} };
}

function draftFrom(form: HTMLFormElement): EventDraft {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const checkpoints = CHECKPOINTS.filter((c) => data.get(`cp-${c}`) === 'on');
  const targets: Record<string, number> = {};
  for (const c of checkpoints) if (text(`target-${c}`) !== '') targets[c] = Number(text(`target-${c}`));
  const draft: EventDraft = { name: text('name'), venue: text('venue'), date: text('date'), timeZone: text('timeZone') || DEFAULT_TIME_ZONE,
    opensAt: text('opensAt'), checkpoints, targets };
  if (text('arriveBy')) draft.arriveBy = text('arriveBy');
  if (text('startsAt')) draft.startsAt = text('startsAt');
  return draft;
}

/** Edits `event`, or creates a new one when it is undefined (then `onCreated` gets the id). */
export function EventForm({ event, onCreated, now = Date.now }: { event?: EventInfo; onCreated?: (id: number) => void; now?: () => number }) {
  // Computed when the form opens, not when the module loaded: a page left open past midnight stays right.
  const [blank] = useState(() => blankEvent(now()));
  const initial = event ?? blank;
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  async function submit(e: Event) {
    e.preventDefault();
    const draft = draftFrom(e.target as HTMLFormElement);
    try {
      const warnings = eventTimeProblems(draft).map(say);
      if (event) { await saveEvent(event.id, draft); setNote({ ok: warnings.length === 0, text: [ts('saved'), ...warnings].join(' ') }); } else onCreated?.(await createEvent(draft));
    } catch (err) { setNote({ ok: false, text: sayError(err) }); }
  }
  return (
    <form class="card event-form" onSubmit={submit} data-testid={event ? 'event-form' : 'new-event-form'}>
      <h2>{event ? ts('eventTitle') : ts('newEvent')}</h2>
      <div class="form-grid">
        <label class="wide">{ts('eventName')}<input name="name" required defaultValue={initial.name} /></label>
        <label class="wide">{ts('venue')}<input name="venue" defaultValue={initial.venue} /></label>
        <label>{ts('date')}<input name="date" type="date" required defaultValue={initial.date} /></label>
        <label>{ts('timeZone')}<input name="timeZone" defaultValue={initial.timeZone} /></label>
        <label>{ts('opensAt')}<input name="opensAt" type="time" required defaultValue={initial.opensAt} /></label>
        <label>{ts('arriveBy')}<input name="arriveBy" type="time" defaultValue={initial.arriveBy ?? ''} /></label>
        <label>{ts('startsAt')}<input name="startsAt" type="time" defaultValue={initial.startsAt ?? ''} /></label>
      </div>
      <fieldset class="checkpoints"><legend>{ts('checkpoints')} · {ts('target')}</legend>
        {CHECKPOINTS.map((c) => (
          <label key={c} class="checkpoint">
            <input type="checkbox" name={`cp-${c}`} defaultChecked={initial.checkpoints.includes(c)} /> {checkpointName(c)}
            <input name={`target-${c}`} type="number" min="0" step="1" aria-label={`${ts('target')} ${checkpointName(c)}`} defaultValue={String(initial.targets[c] ?? '')} />
          </label>
        ))}
      </fieldset>
      <button class="primary" type="submit" data-testid="save-event">{event ? ts('save') : ts('createEvent')}</button>
      {note && <p class={note.ok ? 'ok-note' : 'error'} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
    </form>
  );
}
