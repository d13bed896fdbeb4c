// Recording check-ins. Each write is one transaction holding the fact and its outbox row:
// that transaction is what makes a reload, a crash or a double tap safe.
import { v7 as uuidv7 } from 'uuid';
import type { Checkpoint, Fact, FactMethod, Participant, WalkIn } from '../shared/schemas.ts';
import { decideSigned, type Decision } from '../domain/admit.ts';
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

function newFact(rec: Recorder, fields: Pick<Fact, 'kind' | 'personKey' | 'unitId' | 'category' | 'method'> & Partial<Fact>, now: number): Fact {
  return {
    id: uuidv7(), eventId: rec.eventId, checkpoint: rec.checkpoint, deviceId: rec.deviceId, deskId: rec.deskId,
    deviceTime: now, clockOffsetMs: rec.clockOffsetMs, ...fields,
  };
}

/** The outcome of a correctly signed code, with the fact written when it was admitted. */
export type Recorded = Decision & { fact?: Fact };

/**
 * Decides and records a signed code (or a roster person picked by hand) in one transaction:
 * the prior facts are read and the new fact written together, so two quick scans of the
 * same person can never both be admitted on this device.
 */
export async function recordAdmission(rec: Recorder, args: {
  codeNo: number; person: Participant | undefined; revoked: boolean; method: FactMethod; now: number;
  /** The signed text a scan read; the server verifies it against the claimed person. */
  code?: string;
}): Promise<Recorded> {
  const personKey = String(args.codeNo);
  try {
    return await rec.db.transaction('rw', rec.db.facts, rec.db.outbox, async () => {
      const prior = await rec.db.facts.where('[eventId+personKey]').equals([rec.eventId, personKey]).toArray();
      const decision = decideSigned({ ...args, prior, checkpoint: rec.checkpoint });
      if (decision.kind !== 'admit') return decision;
      // A signed code outside this device's roster is admitted on its signature; its unit is
      // unknown until the roster catches up, so it is filed under the first unit and flagged.
      const fact = newFact(rec, {
        kind: 'admit', personKey, method: args.method,
        unitId: args.person?.unitId ?? 0, category: args.person?.category ?? '',
        ...(args.person ? {} : { unknown: true }),
        ...(args.code === undefined ? {} : { code: args.code }),
      }, args.now);
      await appendFact(rec, fact);
      return { ...decision, fact };
    });
  } catch (error) {
    throw asStorageError(error);
  }
}

/** Records a walk-in: a new person of a unit, admitted and flagged as walk-in. */
export async function recordWalkIn(rec: Recorder, walkIn: WalkIn, now: number): Promise<Fact> {
  const id = uuidv7();
  const fact = newFact(rec, {
    id, kind: 'admit', personKey: `w:${id}`, unitId: walkIn.unitId, category: walkIn.category,
    method: 'walk-in', walkIn,
  }, now);
  try {
    await rec.db.transaction('rw', rec.db.facts, rec.db.outbox, () => appendFact(rec, fact));
  } catch (error) {
    throw asStorageError(error);
  }
  return fact;
}

/** Undoes an admission with a new void fact; the admission itself is never deleted. */
export async function recordVoid(rec: Recorder, admission: Fact, now: number): Promise<Fact> {
  const fact = newFact(rec, {
    kind: 'void', personKey: admission.personKey, unitId: admission.unitId, category: admission.category,
    checkpoint: admission.checkpoint, method: 'undo', voids: admission.id,
  }, now);
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
