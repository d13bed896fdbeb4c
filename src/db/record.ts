// Recording check-ins. Each write is one transaction holding the fact and its outbox row:
// that transaction is what makes a reload, a crash or a double tap safe.
import { v7 as uuidv7 } from 'uuid';
import type { AdmitFact, Checkpoint, Fact, FactMethod, VoidFact, WalkIn } from '../shared/schemas.ts';
import {
  admit, admits, type AdmitInput, type AdmittingVerdict, type CodeReading, type EventClock, type RefusingVerdict,
} from '../domain/admit.ts';
import { asStorageError, type DeskDb } from './db.ts';

/** Who records, where, and on which clock. */
export interface Recorder {
  db: DeskDb;
  eventId: number;
  deviceId: string;
  deskId: string;
  checkpoint: Checkpoint;
  clockOffsetMs: number;
}

async function appendFact(rec: Recorder, fact: Fact): Promise<void> {
  await rec.db.facts.add(fact);
  await rec.db.outbox.add({ factId: fact.id, eventId: fact.eventId, queuedAt: fact.deviceTime });
}

/** The fields every fact of this recorder carries. */
function stamp(rec: Recorder, now: number) {
  return {
    id: uuidv7(), eventId: rec.eventId, checkpoint: rec.checkpoint, deviceId: rec.deviceId, deskId: rec.deskId,
    deviceTime: now, clockOffsetMs: rec.clockOffsetMs,
  };
}

/**
 * The admission an admitting verdict writes. A signed code outside this device's roster is
 * admitted on its signature; its unit is unknown until the roster catches up, so it is filed
 * under unit 0 and flagged.
 */
function admissionOf(rec: Recorder, verdict: AdmittingVerdict, args: { personKey: string; method: FactMethod; now: number; code?: string }): AdmitFact {
  const base = { ...stamp(rec, args.now), kind: 'admit' as const, personKey: args.personKey, method: args.method, ...(args.code === undefined ? {} : { code: args.code }) };
  return verdict.kind === 'admitted'
    ? { ...base, unitId: verdict.person.unitId, category: verdict.person.category }
    : { ...base, unitId: 0, category: '', unknown: true };
}

/** A decided scan: the verdict, with the fact written when (and only when) it admitted someone. */
export type Recorded =
  | { verdict: AdmittingVerdict; fact: AdmitFact }
  | { verdict: RefusingVerdict; fact?: undefined };

/** What a scan is recorded from: the code as read (or a roster person picked by hand, as their code). */
export interface ScanInput {
  reading: CodeReading;
  roster: AdmitInput['roster'];
  event: EventClock;
  method: FactMethod;
  /** The signed text a scan read: the fact carries it so the server can check the desk's claim. */
  code?: string;
  /** Device clock, epoch milliseconds. */
  now: number;
}

/**
 * Decides and records a scan. A signed code is decided inside one transaction that reads the
 * person's prior facts and writes the admission with its outbox row, so two quick scans of the
 * same person can never both be admitted on this device. Anything else writes nothing.
 */
export async function recordScan(rec: Recorder, args: ScanInput): Promise<Recorded> {
  const { reading } = args;
  const context = { roster: args.roster, event: args.event, checkpoint: rec.checkpoint, at: args.now + rec.clockOffsetMs };
  if (reading.kind !== 'signed') return { verdict: admit({ ...context, reading, prior: [] }) };
  const personKey = String(reading.codeNo);
  try {
    return await rec.db.transaction('rw', rec.db.facts, rec.db.outbox, async (): Promise<Recorded> => {
      const prior = await rec.db.facts.where('[eventId+personKey]').equals([rec.eventId, personKey]).toArray();
      const verdict = admit({ ...context, reading, prior });
      if (!admits(verdict)) return { verdict };
      const fact = admissionOf(rec, verdict, { personKey, method: args.method, now: args.now, ...(args.code === undefined ? {} : { code: args.code }) });
      await appendFact(rec, fact);
      return { verdict, fact };
    });
  } catch (error) {
    throw asStorageError(error);
  }
}

/** Records a walk-in: a new person of a unit, admitted and flagged as walk-in. */
export async function recordWalkIn(rec: Recorder, walkIn: WalkIn, now: number): Promise<AdmitFact> {
  const fields = stamp(rec, now);
  const fact: AdmitFact = {
    ...fields, kind: 'admit', personKey: `w:${fields.id}`, unitId: walkIn.unitId, category: walkIn.category,
    method: 'walk-in', walkIn,
  };
  try {
    await rec.db.transaction('rw', rec.db.facts, rec.db.outbox, () => appendFact(rec, fact));
  } catch (error) {
    throw asStorageError(error);
  }
  return fact;
}

/** Undoes an admission with a new void fact; the admission itself is never deleted. */
export async function recordVoid(rec: Recorder, admission: Fact, now: number): Promise<VoidFact> {
  const fact: VoidFact = {
    ...stamp(rec, now), kind: 'void', personKey: admission.personKey, unitId: admission.unitId, category: admission.category,
    checkpoint: admission.checkpoint, method: 'undo', voids: admission.id,
  };
  try {
    await rec.db.transaction('rw', rec.db.facts, rec.db.outbox, async () => {
      const alreadyVoided = await rec.db.facts
        .where('[eventId+personKey]').equals([admission.eventId, admission.personKey])
        .filter((f) => f.kind === 'void' && f.voids === admission.id).count();
      if (!alreadyVoided) await appendFact(rec, fact);
    });
  } catch (error) {
    throw asStorageError(error);
  }
  return fact;
}

/** Every fact of the event on this device, for the local tally and the recent list. */
export async function factsOfEvent(db: DeskDb, eventId: number): Promise<Fact[]> {
  return db.facts.where('[eventId+deviceTime]').between([eventId, -Infinity], [eventId, Infinity]).toArray();
}

/** How many facts still wait for the server. */
export async function pendingCount(db: DeskDb, eventId: number): Promise<number> {
  return db.outbox.where('eventId').equals(eventId).count();
}
