// A unit leader's view through a share link (`/unit#share=TOKEN`): their unit's progress at each
// checkpoint, live, and nothing about any other unit (the server sends only their facts).
import { useEffect, useMemo } from 'preact/hooks';
import { arrivalsPer10Min } from '../../domain/arrivals.ts';
import { zonedInstant } from '../../domain/event-time.ts';
import { boardLines } from '../../domain/tally-board.ts';
import { shareEndpoints } from '../../sync/board-feed.ts';
import { checkpointName, toggleLang } from '../i18n.ts';
import { t } from '../screen-strings.ts';
import { BoardModel } from './board-model.ts';
import { ArrivalsChart, ProgressBar } from './board-parts.tsx';
import { connectBoard } from './board-source.ts';
import { FreshnessPill, useNow } from './freshness.tsx';
import { slotName, tt } from './tally-strings.ts';
import './tally.css';

const tokenFromHash = (): string | undefined => /(?:^#|&)share=([\w-]+)/.exec(location.hash)?.[1];

/** The share link's page. */
export function ShareView() {
  const token = useMemo(tokenFromHash, []);
  const model = useMemo(() => new BoardModel(), []);
  useEffect(() => (token ? connectBoard(model, { kind: 'server', endpoints: shareEndpoints(token) }) : undefined), [token]);
  const now = useNow(model, 15_000);
  model.revision.value;
  const meta = model.meta.value;
  const unit = meta?.units[0];
  if (!token) return <main class="share-view"><p class="error" role="alert">{tt('noShare')}</p></main>;
  if (!meta || !unit || !model.tally) return <main class="share-view" aria-busy="true"><FreshnessPill model={model} /></main>;
  const tally = model.tally;
  const checkpoints = meta.event.checkpoints.filter((c) => c !== 'registered');
  const opening = zonedInstant(meta.event.date, meta.event.opensAt, meta.event.timeZone);
  return (
    <main class="share-view" data-testid="share-view" data-unit={unit.id}>
      <header class="tally-head">
        <div class="tally-title"><h1>{unit.name}</h1><span class="muted">{tt('unitProgress')} · {meta.event.name}</span></div>
        <FreshnessPill model={model} />
        <button class="link" onClick={toggleLang}>{t('language')}</button>
      </header>
      <p class="muted">{checkpointName('registered')}: <strong data-testid="share-registered">{meta.registeredByUnit[unit.id] ?? 0}</strong></p>
      {checkpoints.map((checkpoint) => {
        const line = boardLines({ event: meta.event, units: [unit], tally, checkpoint, now, sort: 'name' })[0]!;
        return (
          <section key={checkpoint} class="share-card" data-checkpoint={checkpoint} data-count={line.count}>
            <h2>{checkpointName(checkpoint)}</h2>
            <p class="share-big"><strong>{line.count}</strong> / {line.quota} <span>({line.percent}%)</span></p>
            <ProgressBar count={line.count} quota={line.quota} percent={line.percent} />
            {line.categories.length > 1 && <p>{line.categories.map((c) => `${c.category}: ${c.count}/${c.quota}`).join(' · ')}</p>}
            <p>{tt('onTime')}: {line.onTime} · {tt('late')}: {line.late} · {tt('walkIns')}: {line.walkIns}</p>
            {line.slot.state !== 'none' && <p class={`slot slot-${line.slot.state}`}>{tt('slot')} {unit.slot?.from}–{unit.slot?.to}: {slotName(line.slot.state)}</p>}
          </section>
        );
      })}
      <ArrivalsChart buckets={arrivalsPer10Min({ admissions: tally.standing(checkpoints[0] ?? 'arrived'), start: opening, now, timeZone: meta.event.timeZone })} />
    </main>
  );
}
