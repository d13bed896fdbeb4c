// The coordinator's tally: distinct people per unit and checkpoint, kept up to date one fact
// at a time. Derived from the log only; replaying any subset, in any order, gives the same
// numbers as adding the facts from scratch (tested), so it can never drift from the log.
import type { Checkpoint, EventInfo, Fact, Unit } from '../shared/schemas.ts';
import { correctedTime, isDuplicate, standsBefore } from './standing.ts';
import { deadlineFor, punctualityAt, type Deadline } from './event-time.ts';

/** One unit at one checkpoint. */
export interface UnitCount {
  count: number;
  byCategory: Map<string, number>;
  onTime: number;
  late: number;
  walkIns: number;
}

/** A person's admissions at one checkpoint: nearly always one, so the rest are an array made only when needed. */
interface Person {
  first?: Fact;
  more?: Fact[];
  /** Ids of `more`, made only for a person admitted many times, so a retried fact is found in O(1). */
  moreIds?: Set<string>;
  /** The admission that counts now: the first not voided, by standing.ts's order. */
  standing?: Fact;
}

/** Past this many admissions of one person, their ids are kept in a set instead of searched. */
const MANY = 8;

const emptyCount = (): UnitCount => ({ count: 0, byCategory: new Map(), onTime: 0, late: 0, walkIns: 0 });

/**
 * Incremental tally over a fact log. `add` is O(1) for an admission and for most undos; only
 * undoing the standing admission looks over that person's admissions again.
 */
export class LiveTally {
  /** checkpoint → person key → that person's admissions there. */
  private readonly people = new Map<Checkpoint, Map<string, Person>>();
  private readonly voided = new Set<string>();
  private readonly counts = new Map<Checkpoint, Map<number, UnitCount>>();
  /** Each unit's slot or the event deadline as instants, computed once (Intl is slow). */
  private readonly deadlines: Map<number, Deadline | undefined>;
  private readonly eventDeadline: Deadline | undefined;

  constructor(event: Pick<EventInfo, 'date' | 'timeZone' | 'arriveBy'>, units: readonly Unit[]) {
    this.deadlines = new Map(units.map((u) => [u.id, deadlineFor({ ...event, slot: u.slot })]));
    this.eventDeadline = deadlineFor(event);
  }

  /** Adds one fact; a fact already added (a retry, a merge) changes nothing. */
  add(fact: Fact): void {
    let atCheckpoint = this.people.get(fact.checkpoint);
    if (!atCheckpoint) { atCheckpoint = new Map(); this.people.set(fact.checkpoint, atCheckpoint); }
    let person = atCheckpoint.get(fact.personKey);
    if (!person) { person = {}; atCheckpoint.set(fact.personKey, person); }
    if (fact.kind === 'void') {
      // Idempotent by nature: voiding twice is voiding once.
      if (!fact.voids || this.voided.has(fact.voids)) return;
      this.voided.add(fact.voids);
      if (person.standing?.id === fact.voids) this.resettle(person, fact.checkpoint);
      return;
    }
    if (!this.remember(person, fact)) return;
    // An admission already undone (its undo came first) never stands; any other stands if it comes first.
    if (this.voided.has(fact.id)) return;
    if (!person.standing || standsBefore(fact, person.standing)) this.replaceStanding(person, fact, fact.checkpoint);
  }

  /** Keeps an admission among the person's; false when it was held already. */
  private remember(person: Person, fact: Fact): boolean {
    if (!person.first) { person.first = fact; return true; }
    if (person.first.id === fact.id) return false;
    if (!person.more) { person.more = [fact]; return true; }
    if (person.moreIds) {
      if (person.moreIds.has(fact.id)) return false;
      person.moreIds.add(fact.id);
    } else {
      // A person has one or two admissions: looking there is cheaper than a set of every id.
      for (const f of person.more) if (f.id === fact.id) return false;
      if (person.more.length >= MANY) person.moreIds = new Set([...person.more.map((f) => f.id), fact.id]);
    }
    person.more.push(fact);
    return true;
  }

  /** Whether this admission counts for nobody: neither undone nor the person's standing one. */
  isDuplicate(fact: Fact): boolean {
    const standing = this.people.get(fact.checkpoint)?.get(fact.personKey)?.standing;
    return isDuplicate(fact, { voided: this.voided.has(fact.id), standing });
  }

  /** Adds many facts (a snapshot, or the whole log from scratch). */
  addAll(facts: Iterable<Fact>): this {
    for (const f of facts) this.add(f);
    return this;
  }

  /** The unit's numbers at a checkpoint (zeros when nobody came yet). */
  unit(checkpoint: Checkpoint, unitId: number): UnitCount {
    return this.counts.get(checkpoint)?.get(unitId) ?? emptyCount();
  }

  /** Distinct people at a checkpoint, all units together. */
  total(checkpoint: Checkpoint): number {
    let n = 0;
    for (const c of this.counts.get(checkpoint)?.values() ?? []) n += c.count;
    return n;
  }

  /** Walk-ins counted at a checkpoint, all units together. */
  walkIns(checkpoint: Checkpoint): number {
    let n = 0;
    for (const c of this.counts.get(checkpoint)?.values() ?? []) n += c.walkIns;
    return n;
  }

  /** Every counted (standing) admission at a checkpoint, for charts and per-desk throughput. */
  *standing(checkpoint: Checkpoint): Generator<Fact> {
    for (const person of this.people.get(checkpoint)?.values() ?? []) {
      if (person.standing) yield person.standing;
    }
  }

  /** The standing admission was undone: the next one (if any) stands in its place. */
  private resettle(person: Person, checkpoint: Checkpoint): void {
    let next: Fact | undefined;
    const consider = (f: Fact) => {
      if (!this.voided.has(f.id) && (!next || standsBefore(f, next))) next = f;
    };
    if (person.first) consider(person.first);
    for (const f of person.more ?? []) consider(f);
    this.replaceStanding(person, next, checkpoint);
  }

  private replaceStanding(person: Person, next: Fact | undefined, checkpoint: Checkpoint): void {
    if (next === person.standing) return;
    if (person.standing) this.apply(person.standing, checkpoint, -1);
    person.standing = next;
    if (next) this.apply(next, checkpoint, +1);
  }

  private apply(fact: Fact, checkpoint: Checkpoint, sign: 1 | -1): void {
    let units = this.counts.get(checkpoint);
    if (!units) { units = new Map(); this.counts.set(checkpoint, units); }
    let c = units.get(fact.unitId);
    if (!c) { c = emptyCount(); units.set(fact.unitId, c); }
    c.count += sign;
    const inCategory = (c.byCategory.get(fact.category) ?? 0) + sign;
    // A category back at zero leaves the map, so the state is the same whatever the order.
    if (inCategory === 0) c.byCategory.delete(fact.category); else c.byCategory.set(fact.category, inCategory);
    if (fact.method === 'walk-in') c.walkIns += sign;
    // A known unit's entry is undefined only when it has no slot and the event no deadline, so
    // falling back to the event's deadline is right for it and for a unit not in the package.
    const when = punctualityAt(correctedTime(fact), this.deadlines.get(fact.unitId) ?? this.eventDeadline);
    if (when === 'late') c.late += sign;
    else if (when === 'on-time' || when === 'early') c.onTime += sign;
  }
}
