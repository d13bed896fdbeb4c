// Each event's live tally, held by the server and kept up to date from the log, so a snapshot
// costs O(units) instead of a pass over every fact on the event loop (issue 13). It is a cache in
// the sense of STYLE habit 6: rebuilt from the log on first use, and again whenever the event's
// times or unit slots change (noticed through the package version every set-up change bumps);
// only ever fed by reading the log after its own cursor. That read is the same on SQLite and on
// PostgreSQL with several processes: a fact another process stored is found by the next read,
// because seq order is commit order on both engines.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LiveTally } from '../../domain/live-tally.ts';
import type { EventInfo, Unit } from '../../shared/schemas.ts';
import type { ServerFact } from '../../shared/sync.ts';
import type { Store } from '../store/store.ts';

/** Facts read per round while catching up; the event loop gets a turn between rounds. */
const CATCH_UP_PAGE = 500;

/** An event's tally as of `cursor`, with what it was built for. */
export interface HeldTally {
  event: EventInfo;
  units: readonly Unit[];
  tally: LiveTally;
  /** The highest seq the tally includes. */
  cursor: number;
  /** How many facts it has read (admissions, undos and duplicates alike). */
  facts: number;
  /** Grows whenever what a snapshot shows may have changed: readers may cache per revision. */
  revision: number;
}

interface Entry {
  /** The package version the event and units were read at; every set-up change bumps it. */
  version: number;
  /** The event fields and unit slots the tally's deadlines were computed from. */
  shape: string;
  held: HeldTally;
  /** Every read of this entry runs after the one before it: catch-ups never overlap. */
  queue: Promise<unknown>;
}

/** What the registry reads: the log after a cursor, and the event and its units. */
export type TallySource = Pick<Store, 'factsAfter' | 'getEvent' | 'unitsOf' | 'packageVersion'>;

/** What decides a tally's on-time and late counts: if any of it changes, the tally is rebuilt. */
const shapeOf = (event: EventInfo, units: readonly Unit[]): string =>
  JSON.stringify([event.date, event.timeZone, event.arriveBy ?? null, units.map((u) => [u.id, u.slot ?? null])]);

/** The server's tallies, one per event that was asked about. */
export class EventTallies {
  readonly #source: TallySource;
  readonly #entries = new Map<number, Entry>();

  constructor(source: TallySource) {
    this.#source = source;
  }

  /**
   * Runs `read` on the event's tally once it has caught up with the log; undefined for an
   * unknown event. `read` runs synchronously inside the queue, so what it sees is one moment's.
   */
  async read<T>(eventId: number, read: (held: HeldTally) => T): Promise<T | undefined> {
    const entry = await this.#entryFor(eventId);
    if (!entry) return undefined;
    const turn = entry.queue.then(async () => {
      // One read per turn of the event loop: forty screens asking at once then take forty turns,
      // with /api/health and every desk's push served in between, not one long stretch.
      await nextTurn();
      await this.#catchUp(eventId, entry.held);
      return read(entry.held);
    });
    entry.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * The event's entry, re-reading the event and its units only when the package version moved
   * (one indexed row otherwise), and starting the tally afresh only when its deadlines changed.
   */
  async #entryFor(eventId: number): Promise<Entry | undefined> {
    const version = await this.#source.packageVersion(eventId);
    if (version === undefined) return undefined;
    const known = this.#entries.get(eventId);
    if (known && known.version === version) return known;
    const event = await this.#source.getEvent(eventId);
    if (!event) return undefined;
    const units = await this.#source.unitsOf(eventId);
    const shape = shapeOf(event, units);
    if (known && known.shape === shape) {
      // Names, quotas and checkpoints may change without a recount: the latest are always shown.
      known.version = version;
      Object.assign(known.held, { event, units, revision: known.held.revision + 1 });
      return known;
    }
    const entry: Entry = {
      version, shape, queue: Promise.resolve(),
      held: { event, units, tally: new LiveTally(event, units), cursor: 0, facts: 0, revision: 0 },
    };
    this.#entries.set(eventId, entry);
    return entry;
  }

  /** Whether each fact is an admission that counts for nobody, as of now; unknown events answer false. */
  async duplicates(eventId: number, facts: readonly ServerFact[]): Promise<boolean[]> {
    if (!facts.some((f) => f.kind === 'admit')) return facts.map(() => false);
    return (await this.read(eventId, ({ tally }) => facts.map((f) => tally.isDuplicate(f)))) ?? facts.map(() => false);
  }

  async #catchUp(eventId: number, held: HeldTally): Promise<void> {
    for (;;) {
      const page = await this.#source.factsAfter(eventId, held.cursor, CATCH_UP_PAGE);
      for (const fact of page) {
        held.tally.add(fact);
        held.cursor = fact.seq;
        held.facts++;
      }
      if (page.length > 0) held.revision++;
      if (page.length < CATCH_UP_PAGE) return;
      // A rebuild of a big log must not hold /api/health or another desk's push behind it.
      await nextTurn();
    }
  }
}
