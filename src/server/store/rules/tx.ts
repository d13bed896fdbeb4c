// The primitives a rule may call inside one transaction. Engines implement them as plain reads
// and writes; every "refuse when…", "check, then write" and version bump lives in the rules that
// call them (event-edit-rules.ts, roster-rules.ts, access-rules.ts), so a rule exists once for both engines.
import type { UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Fact, Participant } from '../../../shared/schemas.ts';
import type { Awaitable, IngestResult, NewDevice, NewParticipant } from '../store.ts';
import type { Rule } from './run.ts';

/** Where a roster entry came from; kept on the server for reports and moves. */
export type PersonOrigin = 'import' | 'self' | 'walk-in' | 'reissue';

/** The event row: its version and own fields. */
export interface EventTx {
  /**
   * The event's package version, undefined for an unknown event. Where writers run side by side
   * (PostgreSQL) the event's row stays locked until commit, so two "read the version, then
   * write" rules wait for each other; SQLite's transaction is already the only writer.
   */
  lockEvent(eventId: number): Awaitable<number | undefined>;
  /** Holds the event's fact log until commit (after lockEvent), so no check-in lands between a check and a write. */
  lockFactLog(eventId: number): Awaitable<void>;
  /** Adds one to the package version desks compare against; false for an unknown event. */
  bumpVersion(eventId: number): Awaitable<boolean>;
  /** Replaces the event's own fields; false for an unknown event. */
  writeEvent(eventId: number, event: Omit<EventInfo, 'id'>): Awaitable<boolean>;
}

/** Units and what names them. */
export interface UnitTx {
  /** True when the unit exists; its row stays locked until commit where writers run side by side. */
  lockUnit(eventId: number, unitId: number): Awaitable<boolean>;
  unitHasFacts(eventId: number, unitId: number): Awaitable<boolean>;
  unitHasPeople(eventId: number, unitId: number): Awaitable<boolean>;
  /** One above the event's highest unit id (1 for the first); call after lockEvent. */
  nextUnitId(eventId: number): Awaitable<number>;
  insertUnit(eventId: number, unitId: number, unit: UnitDraft): Awaitable<void>;
  /** False when the event has no such unit. */
  updateUnit(eventId: number, unitId: number, unit: UnitDraft): Awaitable<boolean>;
  deleteUnit(eventId: number, unitId: number): Awaitable<void>;
  deleteShareLinksOfUnit(eventId: number, unitId: number): Awaitable<void>;
}

/** The event's desk list. */
export interface DeskTx {
  /** Ids of the event's desks not in `kept`, in list order; locked until commit where writers run side by side. */
  lockDesksOutside(eventId: number, kept: readonly string[]): Awaitable<string[]>;
  /** True when a device is paired with the desk or a fact names it. */
  deskInUse(eventId: number, deskId: string): Awaitable<boolean>;
  /** Makes the event's desk list exactly `desks`, in order. */
  writeDesks(eventId: number, desks: readonly Desk[]): Awaitable<void>;
}

/** The roster and the log, as rules about people change them. */
export interface RosterTx {
  participant(eventId: number, no: number): Awaitable<Participant | undefined>;
  isRevoked(eventId: number, no: number): Awaitable<boolean>;
  /** Marks the code number voided; marking it twice is harmless. */
  revoke(eventId: number, no: number): Awaitable<void>;
  phoneTaken(eventId: number, phone: string): Awaitable<boolean>;
  /** People of the unit, not counting the voided copies re-issued codes leave behind. */
  activePeopleOfUnit(eventId: number, unitId: number): Awaitable<number>;
  /** Adds people, in order, under consecutive numbers after the highest; returns the first. Call after lockEvent. */
  addPeople(eventId: number, people: readonly NewParticipant[], origin: PersonOrigin): Awaitable<number>;
  /** Copies a person (ID number included) under the number after the highest; returns it. Call after lockEvent. */
  copyPerson(eventId: number, no: number, origin: PersonOrigin): Awaitable<number>;
  clearIdNumber(eventId: number, no: number): Awaitable<void>;
  /** Stores facts as FactStore.ingestFacts does, inside this transaction. */
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): Awaitable<IngestResult>;
}

/** Pairing codes and devices; only hashes of secrets. */
export interface DeviceTx {
  /** The event of an unused, unexpired pairing code; the code's row stays locked until commit where writers run side by side. */
  lockPairingCode(codeHash: string, now: number): Awaitable<number | undefined>;
  /** True when the event has the desk; where writers run side by side a desk list being saved cannot drop it before commit. */
  holdDesk(eventId: number, deskId: string): Awaitable<boolean>;
  spendPairingCode(codeHash: string, now: number): Awaitable<void>;
  /** Pairs the device; a device id already paired gets the new desk, name and token, and loses its revocation. */
  pairDevice(eventId: number, device: NewDevice, now: number): Awaitable<void>;
}

/** Coordinator accounts, setup tokens and sessions; only hashes of secrets. */
export interface AccountTx {
  /** Creates the account (without a password) unless it exists. */
  ensureAccount(username: string, now: number): Awaitable<void>;
  writeSetupToken(username: string, tokenHash: string, expiresAt: number): Awaitable<void>;
  /** The account of an unexpired setup token; locked until commit where writers run side by side. */
  lockSetupToken(tokenHash: string, now: number): Awaitable<string | undefined>;
  /** Sets the password hash and salt, and clears the account's setup token. */
  writePassword(username: string, hash: string, salt: string): Awaitable<void>;
  endSessions(username: string): Awaitable<void>;
  deleteExpiredSessions(now: number): Awaitable<void>;
  addSession(session: { idHash: string; username: string; expiresAt: number }): Awaitable<void>;
}

/** Everything a rule may touch in one transaction. */
export interface StoreTx extends EventTx, UnitTx, DeskTx, RosterTx, DeviceTx, AccountTx {}

/** What an engine gives the rules: one transaction around a whole rule, all of it or none. */
export interface RuleEngine {
  /** SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN on one connection, with the row locks the primitives take. */
  transaction<R>(rule: (tx: StoreTx) => Rule<R>): Awaitable<R>;
}
