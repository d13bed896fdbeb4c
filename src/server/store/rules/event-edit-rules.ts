// The rules of editing an event, once for both engines: every change bumps the package version
// in its own transaction (so desks pick it up at their next sync), and a unit or desk that the
// log, the roster or a paired device names is never deleted from under them.
import type { UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Unit } from '../../../shared/schemas.ts';
import type { DeleteUnitOutcome, SaveDesksOutcome } from '../store.ts';
import { io, Rollback, type Rule } from './run.ts';
import type { DeskTx, EventTx, UnitTx } from './tx.ts';

/** Replaces the event's own fields and bumps the version; false for an unknown event. */
export function* updateEvent(tx: EventTx, eventId: number, event: Omit<EventInfo, 'id'>): Rule<boolean> {
  if (!(yield* io(tx.writeEvent(eventId, event)))) return false;
  yield* io(tx.bumpVersion(eventId));
  return true;
}

/**
 * Adds a unit under the next id or replaces one. The bump comes first: it takes the event's row,
 * so the next id is chosen by one writer at a time. An unknown unit id rolls the bump back.
 */
export function* saveUnit(tx: EventTx & UnitTx, eventId: number, unit: UnitDraft): Rule<Unit | undefined> {
  if (!(yield* io(tx.bumpVersion(eventId)))) return undefined;
  let id = unit.id;
  if (id === undefined) {
    id = yield* io(tx.nextUnitId(eventId));
    yield* io(tx.insertUnit(eventId, id, unit));
  } else if (!(yield* io(tx.updateUnit(eventId, id, unit)))) {
    throw new Rollback(undefined);
  }
  const { id: _ignored, ...rest } = unit;
  return { id, ...rest, group: unit.group || undefined, leaderName: unit.leaderName || undefined, leaderPhone: unit.leaderPhone || undefined };
}

/** Refuses while facts or roster people name the unit; a leader's link to it goes with it. */
export function* deleteUnit(tx: EventTx & UnitTx, eventId: number, unitId: number): Rule<DeleteUnitOutcome> {
  if ((yield* io(tx.lockEvent(eventId))) === undefined) return 'not-found';
  yield* io(tx.lockFactLog(eventId));
  if (!(yield* io(tx.lockUnit(eventId, unitId)))) return 'not-found';
  // Facts name their unit; deleting it would orphan them, so the log wins.
  if (yield* io(tx.unitHasFacts(eventId, unitId))) return 'has-checkins';
  if (yield* io(tx.unitHasPeople(eventId, unitId))) return 'has-people';
  // A leader's link to a unit that is gone shows nothing: it goes with the unit.
  yield* io(tx.deleteShareLinksOfUnit(eventId, unitId));
  yield* io(tx.deleteUnit(eventId, unitId));
  yield* io(tx.bumpVersion(eventId));
  return 'deleted';
}

/** Replaces the desk list, refusing to drop a desk a paired device or a fact names (the first such, in list order). */
export function* saveDesks(tx: EventTx & DeskTx, eventId: number, desks: readonly Desk[]): Rule<SaveDesksOutcome> {
  if ((yield* io(tx.lockEvent(eventId))) === undefined) return { kind: 'not-found' };
  yield* io(tx.lockFactLog(eventId));
  const dropped = yield* io(tx.lockDesksOutside(eventId, desks.map((d) => d.id)));
  for (const deskId of dropped) {
    if (yield* io(tx.deskInUse(eventId, deskId))) return { kind: 'in-use', deskId };
  }
  yield* io(tx.writeDesks(eventId, desks));
  yield* io(tx.bumpVersion(eventId));
  return { kind: 'saved' };
}
