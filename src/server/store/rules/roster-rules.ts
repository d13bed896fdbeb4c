// The rules of changing the roster, once for both engines. Each runs in one transaction that
// first takes the event (lockEvent), so "read the version, then write" and "count the places,
// then add" hold even with several server processes on one PostgreSQL; every change bumps the
// package version, so desks re-download.
import type { Fact, Participant } from '../../../shared/schemas.ts';
import type { ImportOutcome, NewParticipant, ReissueOutcome, SelfRegisterOutcome } from '../store.ts';
import { io, type Rule } from './run.ts';
import type { EventTx, RosterTx } from './tx.ts';

/** Adds people only onto the roster the duplicate check saw (`expectedVersion`): all of them or none. */
export function* importParticipants(tx: EventTx & RosterTx, eventId: number, people: readonly NewParticipant[],
  expectedVersion: number): Rule<ImportOutcome> {
  const version = yield* io(tx.lockEvent(eventId));
  if (version === undefined) return { kind: 'event-not-found' };
  if (version !== expectedVersion) return { kind: 'version-changed', version };
  const firstNo = yield* io(tx.addPeople(eventId, people, 'import'));
  yield* io(tx.bumpVersion(eventId));
  return { kind: 'imported', firstNo, lastNo: firstNo + people.length - 1, version: version + 1 };
}

/** Voids a code number and bumps the version; false for an unknown event. */
export function* revokeCode(tx: EventTx & RosterTx, eventId: number, codeNo: number): Rule<boolean> {
  if (!(yield* io(tx.bumpVersion(eventId)))) return false;
  yield* io(tx.revoke(eventId, codeNo));
  return true;
}

/** Copies the person under a new number and voids the old one, once per number. */
export function* reissueCode(tx: EventTx & RosterTx, eventId: number, codeNo: number): Rule<ReissueOutcome> {
  const version = yield* io(tx.lockEvent(eventId));
  if (version === undefined || !(yield* io(tx.participant(eventId, codeNo)))) return { kind: 'not-found' };
  if (yield* io(tx.isRevoked(eventId, codeNo))) return { kind: 'already-reissued' };
  const no = yield* io(tx.copyPerson(eventId, codeNo, 'reissue'));
  // The ID number now belongs to the new entry; the old one stays only as a voided number.
  yield* io(tx.clearIdNumber(eventId, codeNo));
  yield* io(tx.revoke(eventId, codeNo));
  yield* io(tx.bumpVersion(eventId));
  return { kind: 'reissued', oldNo: codeNo, no, version: version + 1 };
}

/** Two people racing for a unit's last place, or one phone twice, cannot both get in. */
export function* selfRegister(tx: EventTx & RosterTx, eventId: number, person: NewParticipant,
  options: { cap?: number; makeFact: (no: number) => Fact; now: number }): Rule<SelfRegisterOutcome> {
  if ((yield* io(tx.lockEvent(eventId))) === undefined) return { kind: 'event-not-found' };
  if (yield* io(tx.phoneTaken(eventId, person.phone))) return { kind: 'phone-taken' };
  // Re-issued codes leave a voided copy of the person behind; they are not counted twice.
  if (options.cap !== undefined && (yield* io(tx.activePeopleOfUnit(eventId, person.unitId))) >= options.cap) return { kind: 'unit-full' };
  const no = yield* io(tx.addPeople(eventId, [person], 'self'));
  yield* io(tx.bumpVersion(eventId));
  const { cursor } = yield* io(tx.ingest(eventId, [options.makeFact(no)], options.now));
  return { kind: 'registered', no, cursor };
}

/** Adopting a walk-in (or taking an existing number) and storing the re-keying facts commit together. */
export function* resolveWalkIn(tx: EventTx & RosterTx, eventId: number, target: { adopt: NewParticipant } | { no: number },
  options: { makeFacts: (person: Participant) => Fact[]; now: number }): Rule<{ no: number; cursor: number } | undefined> {
  let no: number;
  if ('adopt' in target) {
    if ((yield* io(tx.lockEvent(eventId))) === undefined) return undefined;
    no = yield* io(tx.addPeople(eventId, [target.adopt], 'walk-in'));
    yield* io(tx.bumpVersion(eventId));
  } else no = target.no;
  const person = yield* io(tx.participant(eventId, no));
  if (!person) return undefined;
  const { cursor } = yield* io(tx.ingest(eventId, options.makeFacts(person), options.now));
  return { no, cursor };
}
