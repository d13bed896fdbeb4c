// A citizen ID card (CCCD) held to the scanner: never an admission by itself. The desk finds
// the person on its roster (by ID number through the server, else by name and birth year), or
// opens the walk-in form filled in from the card.
import { useEffect, useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { cccdReading, takeCardIdNumber } from './cccd-intake.ts';
import { pairingFor } from '../../db/settings.ts';
import { lookupCardHolder } from '../../sync/cccd-lookup.ts';
import { cardCandidates } from '../../domain/cccd-match.ts';
import { lazyComponent } from '../lazy.tsx';
import { type StringKey } from '../i18n.ts';
import { t } from '../screen-strings.ts';

const WalkInForm = lazyComponent(() => import('./walk-in-form.tsx').then((m) => m.WalkInForm));

function close(): void {
  cccdReading.value = undefined;
}

/** The roster person the server found by the card's ID number, for a paired desk that is online. */
function useServerMatch(session: DeskSession, reading: unknown): number | undefined {
  const [no, setNo] = useState<number>();
  useEffect(() => {
    setNo(undefined);
    const idNumber = takeCardIdNumber();
    if (!reading || !idNumber) return;
    void pairingFor(session.db, session.pkg.event.id).then((pairing) => pairing
      && lookupCardHolder({ eventId: session.pkg.event.id, token: pairing.token, idNumber }).then(setNo));
  }, [reading]);
  return no;
}

export function CccdPanel({ session }: { session: DeskSession }) {
  const [walkIn, setWalkIn] = useState(false);
  const reading = cccdReading.value;
  const serverNo = useServerMatch(session, reading);
  if (!reading) return null;
  if (reading.kind === 'malformed') {
    return (
      <section class="cccd" data-testid="cccd" data-state="malformed">
        <p role="alert" data-testid="cccd-problem">{t('cccdMalformed')} ({t(`cccdField_${reading.problem}` as StringKey)})</p>
        <button class="secondary" onClick={close}>{t('cancel')}</button>
      </section>
    );
  }
  const { person } = reading;
  // The person the server found by ID number comes first (the surest match, whatever the name),
  // then the same name with the card's birth year, then the same name where the roster has no year.
  const matches = cardCandidates(session.index, person, { heldBy: serverNo });
  return (
    <section class="cccd" data-testid="cccd" data-state="card">
      <header><strong>{t('cccdTitle')}</strong><button class="link" onClick={close}>{t('cancel')}</button></header>
      <p data-testid="cccd-person"><strong>{person.name}</strong> · {t('birthYear')} {person.birthYear}
        {person.gender && <> · {t(`gender_${person.gender}`)}</>}</p>
      <p class="muted" data-testid="cccd-privacy">{t('cccdPrivacy')}</p>
      <p>{matches.length ? t('cccdCandidates') : t('cccdNoMatch')}</p>
      <ul class="lookup-results">
        {matches.map((p) => (
          <li key={p.no}>
            <button data-testid="cccd-candidate" data-by-id={String(p.no === serverNo)} data-no={p.no} onClick={() => { void session.admitPerson(p); close(); }}>
              <strong>{p.name}</strong>
              <span>{session.index.units.get(p.unitId)?.name} · {p.category} · {p.phone}
                {p.birthYear !== undefined && <> · {t('birthYear')} {p.birthYear}</>}</span>
            </button>
          </li>
        ))}
      </ul>
      {!walkIn && <button class="secondary" data-testid="cccd-walk-in" onClick={() => setWalkIn(true)}>{t('cccdWalkIn')}</button>}
      {walkIn && <WalkInForm session={session} initialName={person.name}
        fromCard={{ birthYear: person.birthYear, ...(person.gender ? { gender: person.gender } : {}) }} onClose={() => { setWalkIn(false); close(); }} />}
    </section>
  );
}
