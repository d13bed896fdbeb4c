// The last scans at this desk, newest first, each admission with its undo.
import type { DeskSession, ScanOutcome } from './desk-session.ts';
import { t } from '../i18n.ts';
import { clockOf } from '../../domain/event-time.ts';

export function RecentList({ session }: { session: DeskSession }) {
  const voided = session.voidedIds.value;
  const tz = session.pkg.event.timeZone;
  return (
    <section class="recent" aria-label={t('recent')}>
      <h3>{t('recent')}</h3>
      <ol data-testid="recent">
        {session.recent.value.map((o: ScanOutcome) => {
          const undone = !!o.fact && voided.has(o.fact.id);
          return (
            <li key={o.seq} class={`r-${o.verdict}${undone ? ' undone' : ''}`} data-verdict={o.verdict}>
              <span class="r-time">{clockOf(o.at, tz)}</span>
              <span class="r-name">{o.person?.name ?? t(o.verdict)}</span>
              <span class="r-unit">{o.unit?.name ?? ''}</span>
              {o.fact?.kind === 'admit' && (undone
                ? <span class="tag">{t('undone')}</span>
                : <button class="undo" data-testid="undo" onClick={() => session.undo(o)}>{t('undo')}</button>)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
