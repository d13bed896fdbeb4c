// The server's storage port: routes and the seeder talk to this, never to SQL, so a
// PostgreSQL adapter can replace the embedded SQLite store for national-scale runs.
import type { Desk, EventInfo, EventPackage, EventSummary, Participant, Unit } from '../shared/schemas.ts';

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

/** Storage operations the HTTP layer and the seeder rely on; every caller awaits the result. */
export interface Store {
  /** True before anything was ever stored: the demo seeder runs only then. */
  isEmpty(): Awaitable<boolean>;
  /** Creates an event with its units, desks, roster and keys, all or nothing. */
  createEvent(input: NewEvent): Awaitable<void>;
  /** Summaries for the event picker, by date then id. */
  listEvents(): Awaitable<EventSummary[]>;
  /** The event's own fields without the roster; undefined for an unknown event. */
  getEvent(eventId: number): Awaitable<EventInfo | undefined>;
  /** The package a desk downloads (participants by code number); undefined for an unknown event. */
  getPackage(eventId: number): Awaitable<EventPackage | undefined>;
  /** PKCS#8 DER base64 of the event's signing key; only the signer may call this. */
  getPrivateKey(eventId: number): Awaitable<string | undefined>;
  /** One unit of an event, undefined when either is unknown. */
  getUnit(eventId: number, unitId: number): Awaitable<Unit | undefined>;
  /** One person by code number; undefined when the event or the number is unknown. */
  getParticipant(eventId: number, codeNo: number): Awaitable<Participant | undefined>;
  /** A unit's roster ordered by code number (badge sheets and CSV follow this order). */
  participantsOfUnit(eventId: number, unitId: number): Awaitable<Participant[]>;
  /** Marks a code as re-issued and bumps the package version; false for an unknown event. */
  revokeCode(eventId: number, codeNo: number): Awaitable<boolean>;
  /** Releases the database; the store is unusable afterwards. */
  close(): Awaitable<void>;
}
