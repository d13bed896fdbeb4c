// The pieces of a tally board: targets, unit lines with bars, alerts, the arrivals chart and
// desk throughput. Each takes plain data from domain/tally-board and domain/arrivals.
import type { ArrivalBucket } from '../../domain/arrivals.ts';
import type { BehindAlert } from '../../domain/slot-state.ts';
import type { BoardLine, TargetProgress } from '../../domain/tally-board.ts';
import type { Desk } from '../../shared/schemas.ts';
import { checkpointName } from '../i18n.ts';
import { slotName, tt } from './tally-strings.ts';

const widthOf = (count: number, quota: number) => `${quota > 0 ? Math.min(100, (100 * count) / quota) : count > 0 ? 100 : 0}%`;
const tone = (percent: number) => (percent >= 100 ? 'full' : percent >= 60 ? 'fair' : 'low');

/** A progress bar coloured by how full it is (red, amber, green); every tally view uses this one. */
export function ProgressBar({ count, quota, percent }: { count: number; quota: number; percent: number }) {
  return <span class={`bar ${tone(percent)}`}><span style={{ width: widthOf(count, quota) }} /></span>;
}

/** Registered, arrived, donated… side by side, each against the event's target where it set one. */
export function Targets({ rows }: { rows: TargetProgress[] }) {
  return (
    <section class="targets" data-testid="targets">
      {rows.map((r) => (
        <div key={r.checkpoint} class="target" data-checkpoint={r.checkpoint} data-count={r.count}>
          <span class="target-name">{checkpointName(r.checkpoint)}</span>
          <strong class="target-count">{r.count.toLocaleString('vi-VN')}{r.target !== undefined && <small> / {r.target.toLocaleString('vi-VN')}</small>}</strong>
          {r.percent !== undefined && <ProgressBar count={r.count} quota={r.target ?? 0} percent={r.percent} />}
          {r.percent !== undefined && <span class="target-percent">{r.percent}%</span>}
        </div>
      ))}
    </section>
  );
}

function SlotBadge({ line }: { line: BoardLine }) {
  if (line.slot.state === 'none') return null;
  const left = line.slot.state === 'closing' || line.slot.state === 'open' ? ` · ${tt('minutesLeft', line.slot.minutesLeft ?? 0)}` : '';
  return <span class={`slot slot-${line.slot.state}`} data-slot={line.slot.state}>{slotName(line.slot.state)}{left}</span>;
}

function LineRow({ line, depth, expanded, onToggle }: { line: BoardLine; depth: number; expanded?: boolean; onToggle?: () => void }) {
  const isGroup = line.members.length > 0;
  return (
    <tr class={`line ${isGroup ? 'group' : ''} depth-${depth}`} data-line={line.key} data-count={line.count} data-quota={line.quota}>
      <th scope="row">
        {isGroup
          ? <button class="expand" aria-expanded={expanded} onClick={onToggle} data-testid="expand">{expanded ? '▾' : '▸'} {line.name} <small>({line.members.length})</small></button>
          : <span class="line-name">{line.name}</span>}
        <SlotBadge line={line} />
        {line.categories.length > 1 && (
          <span class="categories">{line.categories.map((c) => `${c.category || '—'} ${c.count}/${c.quota}`).join(' · ')}</span>
        )}
      </th>
      <td class="bar-cell"><ProgressBar count={line.count} quota={line.quota} percent={line.percent} /></td>
      <td class="num count"><strong>{line.count}</strong>/{line.quota}</td>
      <td class="num percent">{line.percent}%</td>
      <td class="num on-time">{line.onTime}</td>
      <td class="num late">{line.late}</td>
      <td class="num walk-ins">{line.walkIns}</td>
    </tr>
  );
}

/** The unit lines; a group expands in place to its units. */
export function BoardTable({ lines, expanded, onToggle }: { lines: BoardLine[]; expanded: ReadonlySet<string>; onToggle: (key: string) => void }) {
  if (lines.length === 0) return <p class="muted">{tt('noUnits')}</p>;
  return (
    <table class="board" data-testid="board">
      <thead><tr><th>{tt('unit')}</th><th><span class="visually-hidden">{tt('progress')}</span></th><th>{tt('people')}</th><th>%</th><th>{tt('onTime')}</th><th>{tt('late')}</th><th>{tt('walkIns')}</th></tr></thead>
      <tbody>
        {lines.map((line) => {
          const open = expanded.has(line.key);
          return [
            <LineRow key={line.key} line={line} depth={0} expanded={open} onToggle={() => onToggle(line.key)} />,
            ...(open ? line.members.map((m) => <LineRow key={m.key} line={m} depth={1} />) : []),
          ];
        })}
      </tbody>
    </table>
  );
}

/** Units behind while their slot closes, each with a call button for its leader. */
export function Alerts({ alerts }: { alerts: BehindAlert[] }) {
  return (
    <section class="panel alerts" data-testid="alerts">
      <h2>{tt('alerts')}</h2>
      {alerts.length === 0 && <p class="muted">{tt('noAlerts')}</p>}
      <ul>
        {alerts.map((a) => (
          <li key={a.unit.id} data-unit={a.unit.id}>
            <span><strong>{a.unit.name}</strong> {a.count}/{a.quota}, {tt('minutesLeft', a.minutesLeft)}</span>
            {a.unit.leaderPhone && (
              <a class="call" href={`tel:${a.unit.leaderPhone.replace(/[^\d+]/g, '')}`} data-testid="call-leader">
                {tt('call')} {a.unit.leaderName ?? tt('leader')} · {a.unit.leaderPhone}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Up to five evenly spaced time labels under the chart (SVG text would stretch with the bars). */
function axisLabels(buckets: ArrivalBucket[]): string[] {
  if (buckets.length === 0) return [];
  const n = Math.min(5, buckets.length);
  return Array.from({ length: n }, (_, i) => buckets[Math.round((i * (buckets.length - 1)) / Math.max(1, n - 1))]!.label);
}

/** Arrivals per 10 minutes as bars; each bar's count is in its tooltip and `data-count`. */
export function ArrivalsChart({ buckets }: { buckets: ArrivalBucket[] }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const h = 100;
  return (
    <section class="panel chart" data-testid="arrivals">
      <h2>{tt('arrivals')}</h2>
      <svg viewBox={`0 0 ${buckets.length * 10} ${h}`} preserveAspectRatio="none" role="img" aria-label={tt('arrivals')}>
        {buckets.map((b, i) => {
          const bh = (b.count / max) * h;
          return <rect key={b.from} x={i * 10 + 1} y={h - bh} width={8} height={bh} data-count={b.count}><title>{`${b.label}: ${b.count}`}</title></rect>;
        })}
      </svg>
      <div class="chart-axis">{axisLabels(buckets).map((l, i) => <span key={i}>{l}</span>)}</div>
      <p class="muted chart-max">max {max}</p>
    </section>
  );
}

/** People per minute at each desk over the last five minutes. */
export function DeskThroughput({ rates, desks }: { rates: Map<string, number>; desks: readonly Desk[] }) {
  const names = new Map(desks.map((d) => [d.id, d.name]));
  const rows = [...rates].sort((a, b) => b[1] - a[1]);
  return (
    <section class="panel throughput" data-testid="throughput">
      <h2>{tt('throughput')}</h2>
      {rows.length === 0 && <p class="muted">{tt('noThroughput')}</p>}
      <ul>
        {rows.map(([desk, rate]) => (
          <li key={desk} data-desk={desk}><span>{names.get(desk) ?? desk}</span><strong>{rate.toFixed(1)}</strong> <small>{tt('perMinute')}</small></li>
        ))}
      </ul>
    </section>
  );
}
