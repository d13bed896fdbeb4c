// Finding a person who forgot the code, and registering a walk-in.
import { lazyComponent } from '../lazy.tsx';
import { useMemo, useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { searchRoster } from '../../domain/roster.ts';
import { t } from '../i18n.ts';

// The form validates with zod; loading it on demand keeps the validator out of the desk shell.
const WalkInForm = lazyComponent(() => import('./walk-in-form.tsx').then((m) => m.WalkInForm));

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
            <li key={p.no}>
              <button data-testid="lookup-result" onClick={() => { void session.admitPerson(p); setQuery(''); }}>
                <strong>{p.name}</strong>
                <span>{[session.index.units.get(p.unitId)?.name, p.category, p.phone].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {walkIn && <WalkInForm session={session} onClose={() => setWalkIn(false)} />}
    </section>
  );
}
