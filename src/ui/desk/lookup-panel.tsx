// Finding a person who forgot the code, and registering a walk-in.
import { lazyComponent } from '../lazy.tsx';
import { useMemo, useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { searchRoster } from '../../domain/roster.ts';
import { t } from '../i18n.ts';
import { clockOf } from '../../domain/event-time.ts';
import { correctedTime } from '../../domain/standing.ts';
import type { AdmitFact, Participant } from '../../shared/schemas.ts';

// The form validates with zod; loading it on demand keeps the validator out of the desk shell.
const WalkInForm = lazyComponent(() => import('./walk-in-form.tsx').then((m) => m.WalkInForm));

/** This device's admission of the person that still stands at its checkpoint, if any: what an undo from lookup cancels. */
function ownAdmission(session: DeskSession, person: Participant): AdmitFact | undefined {
  const voided = session.voidedIds.value;
  return session.facts.value.filter((f): f is AdmitFact => f.kind === 'admit' && f.personKey === String(person.no)
    && f.deviceId === session.deviceId && f.checkpoint === session.setup.checkpoint && !voided.has(f.id)).at(-1);
}

/**
 * Undo of an older admission, found by name: asks once on its row, as the recent list does.
 * Reads the log only while a search is shown, so a scan never re-renders this panel first.
 */
function UndoFromLookup({ session, person }: { session: DeskSession; person: Participant }) {
  const [asking, setAsking] = useState(false);
  const fact = ownAdmission(session, person);
  if (!fact) return null;
  const tz = session.pkg.event.timeZone;
  return asking
    ? <button class="undo confirm" data-testid="lookup-undo-confirm" onClick={() => {
      setAsking(false);
      void session.undo({ seq: 0, verdict: 'admitted', at: fact.deviceTime, person, fact });
    }}>{t('undoConfirm', person.name)}</button>
    : <button class="undo" data-testid="lookup-undo" onClick={() => setAsking(true)}>{t('undo')} {clockOf(correctedTime(fact), tz)}</button>;
}

export function LookupPanel({ session }: { session: DeskSession }) {
  const [query, setQuery] = useState('');
  const [walkIn, setWalkIn] = useState(false);
  const matches = useMemo(() => searchRoster(session.index, query, 12), [query, session.index]);
  return (
    <section class="lookup">
      <label for="lookup-input">{t('lookup')}</label>
      <div class="lookup-row">
        <input id="lookup-input" data-testid="lookup-input" type="search" autocomplete="off" placeholder={t('lookupPlaceholder')}
          value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <button class="secondary" data-testid="walk-in-open" onClick={() => setWalkIn(true)}>{t('walkIn')}</button>
      </div>
      {query.trim().length >= 2 && (
        <ul class="lookup-results" data-testid="lookup-results">
          {matches.length === 0 && <li class="muted">{t('noMatch')}</li>}
          {matches.map((p) => (
            <li key={p.no} data-no={p.no}>
              <button data-testid="lookup-result" onClick={() => { void session.admitPerson(p); setQuery(''); }}>
                <strong>{p.name}</strong>
                <span>{[session.index.units.get(p.unitId)?.name, p.category, p.phone].filter(Boolean).join(' · ')}</span>
              </button>
              <UndoFromLookup session={session} person={p} />
            </li>
          ))}
        </ul>
      )}
      {walkIn && <WalkInForm session={session} onClose={() => setWalkIn(false)} />}
    </section>
  );
}
