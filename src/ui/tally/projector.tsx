// Big-screen mode for a projector: readable from 5 m, high contrast, a clock, and the units
// paged automatically when they do not fit on one screen.
import { useEffect, useState } from 'preact/hooks';
import type { BehindAlert } from '../../domain/slot-state.ts';
import type { BoardLine, TargetProgress } from '../../domain/tally-board.ts';
import type { BoardMeta } from '../../shared/board.ts';
import type { Checkpoint } from '../../shared/schemas.ts';
import { checkpointName } from '../i18n.ts';
import type { BoardModel } from './board-model.ts';
import { ProgressBar, Targets } from './board-parts.tsx';
import { FreshnessPill } from './freshness.tsx';
import { tt } from './tally-strings.ts';

/** Seconds each page stays on screen. */
const PAGE_SECONDS = 10;
/** Height of one unit row in projector mode, and what the header, targets and alerts take. */
const ROW_PX = 64;
const CHROME_PX = 330;

function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const id = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(id); }, []);
  const text = new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
  return <time class="projector-clock" data-testid="clock">{text}</time>;
}

function useRowsPerPage(): number {
  const fit = () => Math.max(4, Math.floor((innerHeight - CHROME_PX) / ROW_PX));
  const [rows, setRows] = useState(fit);
  useEffect(() => { const on = () => setRows(fit()); addEventListener('resize', on); return () => removeEventListener('resize', on); }, []);
  return rows;
}

interface ProjectorProps {
  model: BoardModel;
  meta: BoardMeta;
  lines: BoardLine[];
  targets: TargetProgress[];
  alerts: BehindAlert[];
  checkpoint: Checkpoint;
  onExit: () => void;
}

/** The board for a projector; pages turn by themselves every ten seconds. */
export function ProjectorBoard({ model, meta, lines, targets, alerts, checkpoint, onExit }: ProjectorProps) {
  const perPage = useRowsPerPage();
  // Every unit is on some page, each group's units right under the group's total.
  const rows = lines.flatMap((l) => [{ line: l, depth: 0 }, ...l.members.map((m) => ({ line: m, depth: 1 }))]);
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const [page, setPage] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_SECONDS * 1000);
    return () => clearInterval(id);
  }, [pages]);
  const shown = rows.slice((page % pages) * perPage, (page % pages + 1) * perPage);
  return (
    <main class="projector" data-testid="projector-board" data-page={page % pages} data-pages={pages}>
      <header class="projector-head">
        <h1>{meta.event.name} · {checkpointName(checkpoint)}</h1>
        <FreshnessPill model={model} />
        <Clock timeZone={meta.event.timeZone} />
        <button class="link" onClick={onExit}>{tt('exitProjector')}</button>
      </header>
      <Targets rows={targets} />
      {alerts.length > 0 && (
        <p class="projector-alerts" data-testid="alerts">
          ⚠ {alerts.slice(0, 3).map((a) => `${a.unit.name} ${a.count}/${a.quota}, ${tt('minutesLeft', a.minutesLeft)}`).join(' · ')}
        </p>
      )}
      <ol class="projector-lines">
        {shown.map(({ line: l, depth }) => (
          <li key={l.key} class={l.members.length > 0 ? 'p-group' : depth > 0 ? 'p-member' : ''} data-line={l.key} data-count={l.count}>
            <span class="p-name">{l.name}</span>
            <ProgressBar count={l.count} quota={l.quota} percent={l.percent} />
            <span class="p-count">{l.count}/{l.quota}</span>
            <span class="p-percent">{l.percent}%</span>
          </li>
        ))}
      </ol>
      {pages > 1 && <p class="projector-page">{tt('page')} {(page % pages) + 1}/{pages}</p>}
    </main>
  );
}
