// The verdict, full width and unmistakable. `data-verdict` is the contract tests read.
import type { ScanOutcome } from './desk-session.ts';
import type { VerdictKind } from '../../domain/admit.ts';
import { t, type StringKey } from '../i18n.ts';
import { clockOf } from '../../domain/event-time.ts';
import { VerdictIcon } from './verdict-icon.tsx';

const HINTS: Partial<Record<VerdictKind, StringKey>> = {
  unknown: 'unknownHint', 'wrong-event': 'wrongEventHint', forged: 'forgedHint', 'not-a-code': 'notACodeHint', voided: 'voidedHint',
};

function deskName(deskId: string, desks: { id: string; name: string }[]): string {
  return desks.find((d) => d.id === deskId)?.name ?? deskId;
}

export function VerdictPanel({ outcome, timeZone, desks }: {
  outcome: ScanOutcome | undefined; timeZone: string; desks: { id: string; name: string }[];
}) {
  if (!outcome) {
    return <section class="verdict idle" data-testid="verdict" data-verdict="idle" aria-live="polite"><h2>{t('ready')}</h2></section>;
  }
  const { verdict, person, unit, punctuality, first, fact } = outcome;
  const hint = HINTS[verdict];
  return (
    <section class={`verdict v-${verdict}`} data-testid="verdict" data-verdict={verdict} data-seq={outcome.seq} aria-live="assertive">
      <h2 class="verdict-title"><VerdictIcon kind={verdict} />{t(verdict)}</h2>
      {person && <p class="verdict-name" data-testid="verdict-name">{person.name}</p>}
      {(unit || person) && (
        <p class="verdict-meta">
          {unit?.name}{person?.category ? ` · ${person.category}` : ''}
          {fact?.method === 'walk-in' && <span class="tag">{t('walkInTag')}</span>}
        </p>
      )}
      {punctuality && punctuality !== 'no-deadline' && (
        <p class={`punctuality p-${punctuality}`} data-testid="punctuality" data-punctuality={punctuality}>
          {t(punctuality === 'on-time' ? 'onTime' : punctuality)}
        </p>
      )}
      {first && (
        <p class="verdict-meta" data-testid="first-scan">
          {t('firstScanned')} {clockOf(first.at, timeZone)} {t('atDesk')} {deskName(first.deskId, desks)}
        </p>
      )}
      {hint && <p class="verdict-hint">{t(hint)}</p>}
    </section>
  );
}
