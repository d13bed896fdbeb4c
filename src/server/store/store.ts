// The server's storage port: routes and the seeder talk to this, never to SQL, so a
// PostgreSQL adapter can replace the embedded SQLite store for national-scale runs.
import type { Desk, EventInfo, EventPackage, EventSummary, Fact, Participant, Unit } from '../../shared/schemas.ts';
import type { RegistrationSettings, UnitDraft } from '../../shared/event-setup.ts';
import type { DeskReadiness, RosterChange, ServerFact } from '../../shared/sync.ts';
import type { FactReview } from '../../shared/fact-review.ts';

/** A value or a promise of it: SQLite answers synchronously, PostgreSQL will not. Always `await`. */
export type Awaitable<T> = T | Promise<T>;

/** An event's Ed25519 key pair as stored; the private half never leaves the server. */
export interface EventKeys {
  /** Raw 32-byte public key, base64url (what desks verify with). */
  publicKey: string;
  /** PKCS#8 DER, standard base64. */
  privateKey: string;
}

/** Everything needed to create one event in a single transaction. */
export interface NewEvent {
  event: EventInfo;
  units: Unit[];
  desks: Desk[];
  participants: Participant[];
  keys: EventKeys;
}

/** A person about to join the roster; the store gives the code number. The ID number stays on the server. */
export interface NewParticipant {
  name: string;
  phone: string;
  unitId: number;
  category: string;
  idNumber?: string;
  /** From the roster's birth-year column; desks receive it (the year only) to match a citizen ID card offline. */
  birthYear?: number;
}

/** What duplicate checks compare against: each roster entry's phone and ID number. */
export interface RosterIdentity {
  no: number;
  name: string;
  phone: string;
  idNumber?: string;
}

/** An import either stored every row under new code numbers, or nothing because the roster moved on. */
export type ImportOutcome =
  | { kind: 'imported'; firstNo: number; lastNo: number; version: number }
  | { kind: 'version-changed'; version: number }
  | { kind: 'event-not-found' };

/** Re-issuing a lost code gives the person a new number; the old one is voided. */
export type ReissueOutcome =
  | { kind: 'reissued'; oldNo: number; no: number; version: number }
  | { kind: 'not-found' }
  | { kind: 'already-reissued' };

/** A self-registration either stored the person (and their `registered` fact) or says why not. */
export type SelfRegisterOutcome =
  | { kind: 'registered'; no: number; cursor: number }
  | { kind: 'phone-taken' }
  | { kind: 'unit-full' }
  | { kind: 'event-not-found' };

/** Deleting a unit is refused while facts or roster people name it. */
export type DeleteUnitOutcome = 'deleted' | 'not-found' | 'has-checkins' | 'has-people';

/** Replacing the desk list is refused when it drops a desk that devices or facts name. */
export type SaveDesksOutcome = { kind: 'saved' } | { kind: 'not-found' } | { kind: 'in-use'; deskId: string };

/** Event set-up by the coordinator; every change bumps the package version in its transaction. */
export interface EventEditStore {
  /** Creates an event under a fresh id with its keys and desks; returns the id. */
  addEvent(input: { event: Omit<EventInfo, 'id'>; desks: Desk[]; keys: EventKeys }): Awaitable<number>;
  /** Replaces the event's own fields; false for an unknown event. */
  updateEvent(eventId: number, event: Omit<EventInfo, 'id'>): Awaitable<boolean>;
  /** Archives the event at `at` (kept whole, hidden from lists), or brings it back with undefined; false for an unknown event. */
  setArchived(eventId: number, at: number | undefined): Awaitable<boolean>;
  /** Adds a unit (no id) or replaces one; undefined for an unknown event or unit id. */
  saveUnit(eventId: number, unit: UnitDraft): Awaitable<Unit | undefined>;
  deleteUnit(eventId: number, unitId: number): Awaitable<DeleteUnitOutcome>;
  /** Replaces the event's desks, in order. */
  saveDesks(eventId: number, desks: readonly Desk[]): Awaitable<SaveDesksOutcome>;
  /** The event's self-registration settings (closed by default); undefined for an unknown event. */
  registrationOf(eventId: number): Awaitable<RegistrationSettings | undefined>;
  setRegistration(eventId: number, settings: RegistrationSettings): Awaitable<boolean>;
}

/** What storing a batch did; `stored` is what the desk may mark as sent. */
export interface IngestResult {
  /** Ids of the batch the event now holds, whether new or held before. */
  stored: string[];
  /** How many of them were new: zero for a replayed batch. */
  inserted: number;
  /** The event's highest seq after the batch. */
  cursor: number;
}

/** The check-in log as the server holds it: append-only, idempotent on (event, fact id). */
export interface FactStore {
  /**
   * Stores a batch in one transaction (all or nothing) with insert-or-ignore on the fact's
   * (event, id), so the same id in another event is another fact (issue 13), flagging
   * unrostered code numbers. Costs O(batch) whatever the log holds: which admission is a
   * duplicate is derived where it is read (domain/standing.ts), never stored. Facts must belong to `eventId`.
   */
  ingestFacts(eventId: number, facts: readonly Fact[], receivedAt: number): Awaitable<IngestResult>;
  /** Facts of the event with seq > cursor, in seq order, at most `limit` of them. */
  factsAfter(eventId: number, cursor: number, limit: number): Awaitable<ServerFact[]>;
  /** The event's whole log and its cursor, read consistently (the live tally's snapshot). */
  factsOf(eventId: number): Awaitable<{ facts: ServerFact[]; cursor: number }>;
}

/** What the claim rules (server/facts) read before a push is stored, and the review flags they write. */
export interface ClaimStore {
  /** The event's desk ids; empty for an unknown event. */
  deskIdsOf(eventId: number): Awaitable<string[]>;
  /** The roster entries among these code numbers (one query per push, not one per fact). */
  participantsByNo(eventId: number, nos: readonly number[]): Awaitable<Participant[]>;
  /** The event's stored facts among these ids; another event's fact under the same id is never among them. */
  factsByIds(eventId: number, ids: readonly string[]): Awaitable<ServerFact[]>;
  /** Keeps review flags; a flag held already (a resent push) is kept as first written. */
  addFactReviews(eventId: number, reviews: readonly FactReview[]): Awaitable<void>;
  /** The event's review flags, oldest first. */
  factReviews(eventId: number): Awaitable<FactReview[]>;
}

/** A paired desk device as the coordinator sees it. */
export interface DeviceRecord {
  id: string;
  eventId: number;
  deskId: string;
  name: string;
  createdAt: number;
  lastSeen?: number;
  appVersion?: string;
  /** Facts the device said it still holds unsent, at its last push. */
  pending: number;
  revokedAt?: number;
  /** The desk's readiness check as it last reported it. */
  readiness?: DeskReadiness;
}

/** What a request tells of its device: when, its unsent count, its version, its readiness. */
export interface DeviceSeen { at: number; pending?: number; appVersion?: string; readiness?: DeskReadiness }

/** A device about to be paired by redeeming a pairing code; pairing an existing id again replaces its token. */
export interface NewDevice {
  id: string;
  deskId: string;
  name: string;
  tokenHash: string;
  appVersion?: string;
}

/** Redeeming a pairing code either pairs the device or says why not; the code is spent only on success. */
export type RedeemResult = { kind: 'paired'; eventId: number } | { kind: 'invalid-code' } | { kind: 'unknown-desk' };

/** Pairing codes and device tokens; only hashes of secrets are ever stored. */
export interface DeviceStore {
  /** Records a one-time pairing code (by hash) for an event. */
  addPairingCode(eventId: number, codeHash: string, expiresAt: number): Awaitable<void>;
  /** The event an unused, unexpired pairing code was made for (it is not spent); undefined otherwise. */
  pairingCodeEvent(codeHash: string, now: number): Awaitable<number | undefined>;
  /** Spends an unused, unexpired code and pairs the device with the code's event, in one transaction. */
  redeemPairingCode(codeHash: string, device: NewDevice, now: number): Awaitable<RedeemResult>;
  /** The device a bearer token belongs to (revoked ones included); undefined for an unknown token. */
  deviceByTokenHash(tokenHash: string): Awaitable<DeviceRecord | undefined>;
  /** The event's devices, oldest pairing first. */
  listDevices(eventId: number): Awaitable<DeviceRecord[]>;
  /** Revokes the device in this event only; false when the event has no such device. Revoking twice keeps the first time. */
  revokeDevice(eventId: number, deviceId: string, now: number): Awaitable<boolean>;
  /** Whether any event already has a device of this id: a taken id is never handed to a caller who cannot prove it. */
  deviceIdTaken(deviceId: string): Awaitable<boolean>;
  /** Notes that a device was heard from, and what it reported about its outbox and version. */
  touchDevice(eventId: number, deviceId: string, seen: DeviceSeen): Awaitable<void>;
}

/** A coordinator account; the hash and salt are absent until a password is set. */
export interface CoordinatorRecord {
  username: string;
  passwordHash?: string;
  passwordSalt?: string;
}

/** Coordinator accounts, one-time setup tokens and sessions, all stored as hashes. */
export interface AccountStore {
  /** Every account, for the start-up check "does anyone still need a password?". */
  listCoordinators(): Awaitable<CoordinatorRecord[]>;
  getCoordinator(username: string): Awaitable<CoordinatorRecord | undefined>;
  /** Creates the account if missing and (re)issues its one-time setup token. */
  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): Awaitable<void>;
  /** Sets a password, creating the account if missing; ends the account's sessions and setup token. */
  setPassword(username: string, hash: string, salt: string, now: number): Awaitable<void>;
  /** Spends an unexpired setup token and sets its account's password at once; undefined when the token is not valid. */
  completeSetup(tokenHash: string, hash: string, salt: string, now: number): Awaitable<string | undefined>;
  /** Starts a session (by hash of its cookie value), sweeping expired ones. */
  createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): Awaitable<void>;
  /** The user of an unexpired session; undefined otherwise. */
  sessionUser(idHash: string, now: number): Awaitable<string | undefined>;
  deleteSession(idHash: string): Awaitable<void>;
}

/** A unit leader's read-only link to one unit's progress; only the token's hash is stored. */
export interface ShareLinkRecord {
  id: string;
  eventId: number;
  unitId: number;
  createdAt: number;
  revokedAt?: number;
}

/** Unit leaders' share links: made and revoked by a coordinator, read by anyone holding the token. */
export interface ShareStore {
  addShareLink(link: { id: string; eventId: number; unitId: number; tokenHash: string; createdAt: number }): Awaitable<void>;
  /** The link a token belongs to (revoked ones included); undefined for an unknown token. */
  shareLinkByTokenHash(tokenHash: string): Awaitable<ShareLinkRecord | undefined>;
  /** The event's links, oldest first. */
  listShareLinks(eventId: number): Awaitable<ShareLinkRecord[]>;
  /** False for an unknown link; revoking twice keeps the first time. */
  revokeShareLink(id: string, now: number): Awaitable<boolean>;
}

/** Events as desks and reports read them: the picker, one event, its units and its package. */
export interface EventStore {
  /** Summaries for the event picker, by date then id. */
  listEvents(): Awaitable<EventSummary[]>;
  /** The event's own fields without the roster; undefined for an unknown event. */
  getEvent(eventId: number): Awaitable<EventInfo | undefined>;
  /** The event's units by id, without the roster (what the live tally needs). */
  unitsOf(eventId: number): Awaitable<Unit[]>;
  /** One unit of an event, undefined when either is unknown. */
  getUnit(eventId: number, unitId: number): Awaitable<Unit | undefined>;
  /** The package a desk downloads (participants by code number); undefined for an unknown event. */
  getPackage(eventId: number): Awaitable<EventPackage | undefined>;
  /** The package version desks compare against; undefined for an unknown event. */
  packageVersion(eventId: number): Awaitable<number | undefined>;
}

/** The roster: people by code number, its change log, imports and re-issued codes. */
export interface RosterStore {
  /** One person by code number; undefined when the event or the number is unknown. */
  getParticipant(eventId: number, codeNo: number): Awaitable<Participant | undefined>;
  /** A unit's roster ordered by code number (badge sheets and CSV follow this order). */
  participantsOfUnit(eventId: number, unitId: number): Awaitable<Participant[]>;
  /** Roster changes with seq > `after` (at most `limit`), each with the person as they are now, and the latest seq. */
  rosterChangesAfter(eventId: number, after: number, limit: number): Awaitable<{ changes: RosterChange[]; rosterSeq: number }>;
  /** Marks a code as re-issued and bumps the package version; false for an unknown event. */
  revokeCode(eventId: number, codeNo: number): Awaitable<boolean>;
  /** The roster's phones and ID numbers, for duplicate checks before an import. */
  rosterIdentities(eventId: number): Awaitable<RosterIdentity[]>;
  /**
   * Adds people under fresh code numbers and bumps the package version, in one transaction, only
   * if the version is still `expectedVersion` (what the duplicate check saw). All or nothing.
   */
  importParticipants(eventId: number, people: readonly NewParticipant[], expectedVersion: number): Awaitable<ImportOutcome>;
  /**
   * Copies the person under a fresh code number, voids the old number and bumps the package
   * version, in one transaction; desks then read the old badge as `voided`.
   */
  reissueCode(eventId: number, codeNo: number): Awaitable<ReissueOutcome>;
}

/** People who join outside an import: online self-registration and walk-ins resolved after the event. */
export interface RegistrationStore {
  /**
   * Adds a self-registered person and the `registered` fact `makeFact(no)` gives, in one
   * transaction that also checks the phone is new to the event and the unit is under `cap`.
   */
  selfRegister(eventId: number, person: NewParticipant, options: { cap?: number; makeFact: (no: number) => Fact; now: number }): Awaitable<SelfRegisterOutcome>;
  /**
   * Resolves a walk-in in one transaction: adds them to the roster (`adopt`) or takes an existing
   * number (`no`), then stores `makeFacts(no)` (the re-keying facts). Undefined when `no` is unknown.
   */
  resolveWalkIn(eventId: number, target: { adopt: NewParticipant } | { no: number }, options: { makeFacts: (person: Participant) => Fact[]; now: number }): Awaitable<{ no: number; cursor: number } | undefined>;
}

/** What signing a code and drawing its QR need: the event's private key and the chosen masks. */
export interface CodeStore {
  /** PKCS#8 DER base64 of the event's signing key; only the signer may call this. */
  getPrivateKey(eventId: number): Awaitable<string | undefined>;
  /** QR masks already chosen for these code numbers (qr-options.ts chooseMask); numbers without one are absent. */
  codeMasks(eventId: number, nos: readonly number[]): Awaitable<Map<number, number>>;
  /** Keeps chosen masks, so no code is ever decoded twice to choose its mask. */
  saveCodeMasks(eventId: number, masks: ReadonlyMap<number, number>): Awaitable<void>;
  /** Up to `limit` code numbers of the event still without a chosen mask, in order. */
  codesWithoutMask(eventId: number, limit: number): Awaitable<number[]>;
}

/** What the demo seeder needs: is the store new, and a whole event written at once. */
export interface SeedStore {
  /** True before anything was ever stored: the demo seeder runs only then. */
  isEmpty(): Awaitable<boolean>;
  /** Creates an event with its units, desks, roster and keys, all or nothing. */
  createEvent(input: NewEvent): Awaitable<void>;
}

/**
 * Every port at once, for main.ts, app wiring and the contract suite; routes and helpers name
 * only the ports they use, so a reader sees at a glance what each may touch.
 */
export interface Store extends FactStore, ClaimStore, DeviceStore, AccountStore, ShareStore, EventEditStore,
  EventStore, RosterStore, RegistrationStore, CodeStore, SeedStore {
  /** Releases the database; the store is unusable afterwards. */
  close(): Awaitable<void>;
}
