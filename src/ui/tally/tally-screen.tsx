// The coordinator's live tally (`/tally?event=N`), also a desk's own-log view (`&local=1`) and a
// projector mode (`&projector=1`). Lazy chunk: a desk never loads it unless asked.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { arrivalsPer10Min, throughputByDesk } from '../../domain/arrivals.ts';
import { zonedInstant } from '../../domain/event-time.ts';
import { behindAlerts } from '../../domain/slot-state.ts';
import { BOARD_SORTS, boardLines, targetProgress, type BoardSort } from '../../domain/tally-board.ts';
import type { Checkpoint } from '../../shared/schemas.ts';
import { eventEndpoints } from '../../sync/board-feed.ts';
import { checkpointName, toggleLang } from '../i18n.ts';
import { t } from '../screen-strings.ts';
import { BoardModel } from './board-model.ts';
import { Alerts, ArrivalsChart, BoardTable, DeskThroughput, Targets } from './board-parts.tsx';
import { connectBoard, type BoardSource } from './board-source.ts';
import { FreshnessPill, useNow } from './freshness.tsx';
import { ProjectorBoard } from './projector.tsx';
import { tt } from './tally-strings.ts';
import './tally.css';

const SORT_LABEL: Record<BoardSort, 'sortBehind' | 'sortPercent' | 'sortName'> = { behind: 'sortBehind', percent: 'sortPercent', name: 'sortName' };

function sourceFromAddress(params: URLSearchParams): BoardSource | undefined {
  const eventId = Number(params.get('event'));
  if (!Number.isInteger(eventId) || eventId <= 0) return undefined;
  return params.get('local') === '1' ? { kind: 'local', eventId } : { kind: 'server', endpoints: eventEndpoints(eventId), eventId };
}

/** Keeps a query parameter in the address, so a reload or a shared screen keeps the view. */
function useAddressParam(name: string, fallback: string): [string, (v: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get(name) ?? fallback);
  const set = (v: string) => {
    const params = new URLSearchParams(location.search);
    if (v === fallback) params.delete(name); else params.set(name, v);
    history.replaceState(null, '', `${location.pathname}?${params}`);
    setValue(v);
  };
  return [value, set];
}

/** The whole event's board. */
export function TallyScreen() {
  const source = useMemo(() => sourceFromAddress(new URLSearchParams(location.search)), []);
  const model = useMemo(() => new BoardModel(), []);
  useEffect(() => (source ? connectBoard(model, source) : undefined), [source]);
  const [sortParam, setSort] = useAddressParam('sort', 'behind');
  const [checkpointParam, setCheckpoint] = useAddressParam('checkpoint', '');
  const [projector, setProjector] = useAddressParam('projector', '0');
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(model, 15_000);
  const revision = model.revision.value; // re-render on new facts
  // "fact arrived → board on screen" as a User Timing measure, read by `npm run bench`.
  useLayoutEffect(() => { if (revision > 0) model.measureRender(); }, [revision]);

  const meta = model.meta.value;
  if (!source) return <main class="tally-screen"><p class="error">{tt('noUnits')}</p></main>;
  if (!meta || !model.tally) return <main class="tally-screen" aria-busy="true"><FreshnessPill model={model} /><p>{tt('loading')}</p></main>;

  const checkpoints = meta.event.checkpoints.filter((c) => c !== 'registered');
  const checkpoint = ((checkpoints as string[]).includes(checkpointParam) ? checkpointParam : checkpoints[0] ?? 'arrived') as Checkpoint;
  const sort = (BOARD_SORTS.includes(sortParam as BoardSort) ? sortParam : 'behind') as BoardSort;
  const tally = model.tally;
  const lines = boardLines({ event: meta.event, units: meta.units, tally, checkpoint, now, sort, query });
  const registered = Object.values(meta.registeredByUnit).reduce((a, b) => a + b, 0);
  const targets = targetProgress({ event: meta.event, tally, registered });
  const alerts = behindAlerts(meta.units, (id) => tally.unit(checkpoint, id).count, meta.event, now);
  const opening = zonedInstant(meta.event.date, meta.event.opensAt, meta.event.timeZone);
  const buckets = arrivalsPer10Min({ admissions: tally.standing(checkpoint), start: opening, now, timeZone: meta.event.timeZone });
  const rates = throughputByDesk(tally.standing(checkpoint), now);

  if (projector === '1') {
    return <ProjectorBoard model={model} meta={meta} lines={lines} targets={targets} alerts={alerts} checkpoint={checkpoint} onExit={() => setProjector('0')} />;
  }
  const toggle = (key: string) => setExpanded((prev) => {
    const next = new Set(prev);
    if (!next.delete(key)) next.add(key);
    return next;
  });
  return (
    <main class="tally-screen" data-checkpoint={checkpoint}>
      <header class="tally-head">
        <div class="tally-title"><h1>{meta.event.name}</h1><span class="muted">{tt('title')} · {meta.event.venue}</span></div>
        <FreshnessPill model={model} />
        <div class="segmented" role="radiogroup">
          {checkpoints.map((c) => (
            <button key={c} role="radio" aria-checked={c === checkpoint} data-testid={`checkpoint-${c}`} onClick={() => setCheckpoint(c)}>{checkpointName(c)}</button>
          ))}
        </div>
        <label class="tally-sort">{tt('sort')}
          <select data-testid="sort" value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value)}>
            {BOARD_SORTS.map((s) => <option key={s} value={s}>{tt(SORT_LABEL[s])}</option>)}
          </select>
        </label>
        <input class="tally-search" type="search" placeholder={tt('search')} aria-label={tt('search')} data-testid="unit-search"
          value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <button data-testid="expand-all" onClick={() => setExpanded(expanded.size > 0 ? new Set() : new Set(lines.filter((l) => l.members.length > 0).map((l) => l.key)))}>
          {expanded.size > 0 ? tt('collapseAll') : tt('expandAll')}
        </button>
        <button data-testid="projector" onClick={() => setProjector('1')}>{tt('projector')}</button>
        <button class="link" onClick={toggleLang}>{t('language')}</button>
      </header>
      <Targets rows={targets} />
      <div class="tally-body">
        <BoardTable lines={lines} expanded={query ? new Set() : expanded} onToggle={toggle} />
        <aside class="tally-side">
          <Alerts alerts={alerts} />
          <ArrivalsChart buckets={buckets} />
          <DeskThroughput rates={rates} desks={meta.desks} />
        </aside>
      </div>
    </main>
  );
}
