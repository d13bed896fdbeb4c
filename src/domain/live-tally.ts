// The coordinator's tally: distinct people per unit and checkpoint, kept up to date one fact
// at a time. Derived from the log only; replaying any subset, in any order, gives the same
// numbers as adding the facts from scratch (tested), so it can never drift from the log.
import type { Checkpoint, EventInfo, Fact, Unit } from '../shared/schemas.ts';
import { correctedTime } from './admit.ts';
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
  /** The admission that counts now: the earliest not voided, by corrected time. */
  standing?: Fact;
}

const emptyCount = (): UnitCount => ({ count: 0, byCategory: new Map(), onTime: 0, late: 0, walkIns: 0 });

/** Incremental tally over a fact log; `add` is O(admissions of that person). */
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
    if (fact.kind === 'void') {
      if (!person) { person = {}; atCheckpoint.set(fact.personKey, person); }
      // Idempotent by nature: voiding twice is voiding once.
      if (!fact.voids || this.voided.has(fact.voids)) return;
      this.voided.add(fact.voids);
    } else if (!person) {
      // Most people are admitted once: their only admission stands unless already voided.
      person = { first: fact };
      atCheckpoint.set(fact.personKey, person);
      if (this.voided.size === 0 || !this.voided.has(fact.id)) { person.standing = fact; this.apply(fact, fact.checkpoint, +1); }
      return;
    } else if (!person.first) {
      person.first = fact; // someone whose undo arrived before any admission
    } else {
      // A person has one or two admissions: looking there is cheaper than a set of every id.
      if (person.first.id === fact.id) return;
      if (person.more) { for (const f of person.more) if (f.id === fact.id) return; person.more.push(fact); } else person.more = [fact];
    }
    this.settle(person, fact.checkpoint);
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

  private settle(person: Person, checkpoint: Checkpoint): void {
    let next: Fact | undefined;
    const consider = (f: Fact) => {
      if (this.voided.has(f.id)) return;
      if (!next || correctedTime(f) < correctedTime(next) || (correctedTime(f) === correctedTime(next) && f.id < next.id)) next = f;
    };
    if (person.first) consider(person.first);
    for (const f of person.more ?? []) consider(f);
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
