// How fresh the numbers are, always on screen: live, reconnecting (as of when), or this
// device's log only. A board that shows stale numbers as live would mislead the committee.
import { useEffect, useState } from 'preact/hooks';
import { clockOf } from '../../domain/event-time.ts';
import { say } from '../i18n.ts';
import type { BoardModel } from './board-model.ts';
import { tt } from './tally-strings.ts';

const clock = (model: BoardModel, at: number) => clockOf(at, model.meta.peek()?.event.timeZone ?? 'Asia/Ho_Chi_Minh');

/** The server's "now", re-read every `everyMs` (slot states and minutes left move with it). */
export function useNow(model: BoardModel, everyMs: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(id);
  }, [model, everyMs]);
  return model.now();
}

/** The freshness pill with its state in `data-state`, for people and for tests. */
export function FreshnessPill({ model }: { model: BoardModel }) {
  const f = model.freshness.value;
  const latest = model.latestAt.value;
  const suffix = latest ? ` · ${tt('lastScan')} ${clock(model, latest)}` : '';
  switch (f.kind) {
    case 'loading': return <span class="pill" data-testid="freshness" data-state="loading">{tt('loading')}</span>;
    case 'live': return <span class="pill ok" data-testid="freshness" data-state="live">● {tt('live')}{suffix}</span>;
    case 'reconnecting':
    case 'closed':
      return <span class="pill warn" data-testid="freshness" data-state={f.kind}>{tt(f.kind)} {clock(model, f.asOf)}</span>;
    case 'local': return <span class="pill warn" data-testid="freshness" data-state="local">{tt('localOnly')} · {tt('readAt')} {clock(model, f.readAt)}</span>;
    case 'failed': return <span class="pill bad" role="alert" data-testid="freshness" data-state="failed">{say(f)}</span>;
  }
}
