// One tally screen's state: the board metadata, an incremental tally over every fact seen,
// and how fresh it is. Facts arrive in bursts; the screen re-renders once per frame at most.
import { signal } from '@preact/signals';
import { LiveTally } from '../../domain/live-tally.ts';
import type { BoardMeta } from '../../shared/board.ts';
import type { Fact } from '../../shared/schemas.ts';

/** User Timing names: a fact reached the board; the board re-rendered with it (bench reads these). */
const FACT_MARK = 'tally-fact';
export const RENDER_MEASURE = 'tally-render';

/** How far the numbers on screen can be trusted; a closed union the header switches over. */
export type Freshness =
  | { kind: 'loading' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; asOf: number }
  | { kind: 'closed'; asOf: number }
  | { kind: 'local'; readAt: number }
  | { kind: 'failed'; vi: string; en: string };

/** A board being watched; the tally exists once the metadata is in. */
export class BoardModel {
  readonly meta = signal<BoardMeta | undefined>(undefined);
  readonly freshness = signal<Freshness>({ kind: 'loading' });
  /** Bumped after facts were added: what components subscribe to instead of the tally itself. */
  readonly revision = signal(0);
  /** Corrected time of the latest admission seen, for "latest scan HH:MM". */
  readonly latestAt = signal<number | undefined>(undefined);
  tally: LiveTally | undefined;
  /** Server time minus this device's time. */
  offsetMs = 0;
  #scheduled = false;

  /** Starts the tally for this event's units; facts seen before are dropped with the old tally. */
  setMeta(meta: BoardMeta, offsetMs: number): void {
    this.tally = new LiveTally(meta.event, meta.units);
    this.offsetMs = offsetMs;
    this.meta.value = meta;
  }

  /** Adds facts (idempotent) and schedules one re-render. */
  add(facts: Iterable<Fact>): void {
    if (!this.tally) return;
    let latest = this.latestAt.peek() ?? 0;
    for (const f of facts) {
      this.tally.add(f);
      if (f.kind === 'admit') latest = Math.max(latest, f.deviceTime + f.clockOffsetMs);
    }
    if (latest > 0) this.latestAt.value = latest;
    if (!this.#scheduled) performance.mark(FACT_MARK);
    this.#schedule();
  }

  /** Records how long the board took from the first unrendered fact to its DOM being updated. */
  measureRender(): void {
    if (performance.getEntriesByName(FACT_MARK, 'mark').length === 0) return;
    // A day of live updates must not grow the timeline without bound.
    if (performance.getEntriesByName(RENDER_MEASURE, 'measure').length >= 500) performance.clearMeasures(RENDER_MEASURE);
    performance.measure(RENDER_MEASURE, FACT_MARK);
    performance.clearMarks(FACT_MARK);
  }

  /** The server's clock as best this device knows it. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const bump = () => { this.#scheduled = false; this.revision.value++; };
    // A hidden tab gets no animation frames; it still has to catch up when shown.
    if (typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(bump);
    else setTimeout(bump, 100);
  }
}
