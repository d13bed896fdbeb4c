// The last scans at this desk, newest first, each admission with its undo. An undo asks once
// ("Huỷ điểm danh của …?") on the row itself: no dialog, so the next scan never waits on it.
import { useEffect, useState } from 'preact/hooks';
import type { DeskSession, ScanOutcome } from './desk-session.ts';
import { t } from '../i18n.ts';
import { clockOf } from '../../domain/event-time.ts';

/** How long the question stays before the row goes back to its plain "Huỷ". */
const CONFIRM_MS = 5_000;

export function RecentList({ session }: { session: DeskSession }) {
  const voided = session.voidedIds.value;
  const [asking, setAsking] = useState<number>();
  useEffect(() => {
    if (asking === undefined) return;
    const timer = setTimeout(() => setAsking(undefined), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [asking]);
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
                : asking === o.seq
                  ? <button class="undo confirm" data-testid="undo-confirm" onClick={() => { setAsking(undefined); void session.undo(o); }}>
                    {t('undoConfirm', o.person?.name ?? '')}
                  </button>
                  : <button class="undo" data-testid="undo" onClick={() => setAsking(o.seq)}>{t('undo')}</button>)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
