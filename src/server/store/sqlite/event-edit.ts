// Event set-up on the embedded store that needs no rule: a new event under the next id, and the
// self-registration settings. Unit, desk and field edits are rules (../rules/event-edit-rules.ts).
import type Database from 'better-sqlite3';
import type { RegistrationSettings } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo } from '../../../shared/schemas.ts';
import { registrationFromRow, type RegistrationRow } from '../rows.ts';
import type { EventKeys } from '../store.ts';

/** New events and registration settings for SqliteStore; shares its connection. */
export class SqliteEventEdit {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  addEvent({ event, desks, keys }: { event: Omit<EventInfo, 'id'>; desks: Desk[]; keys: EventKeys }): number {
    return this.#db.transaction(() => {
      const id = (this.#db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM events').pluck().get() as number);
      this.#db.prepare(`INSERT INTO events (id, name, venue, date, time_zone, opens_at, arrive_by, starts_at, checkpoints, targets)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, event.name, event.venue, event.date, event.timeZone, event.opensAt,
        event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints), JSON.stringify(event.targets));
      this.#db.prepare('INSERT INTO event_keys (event_id, public_key, private_key) VALUES (?, ?, ?)').run(id, keys.publicKey, keys.privateKey);
      const insertDesk = this.#db.prepare('INSERT INTO desks (event_id, id, name, position) VALUES (?, ?, ?, ?)');
      desks.forEach((d, i) => insertDesk.run(id, d.id, d.name, i));
      return id;
    })();
  }

  registration(eventId: number): RegistrationSettings | undefined {
    if (!this.#db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId)) return undefined;
    return registrationFromRow(this.#db.prepare('SELECT open, closes_at, caps FROM registration WHERE event_id = ?')
      .get(eventId) as RegistrationRow | undefined);
  }

  setRegistration(eventId: number, settings: RegistrationSettings): boolean {
    if (!this.#db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId)) return false;
    this.#db.prepare(`INSERT INTO registration (event_id, open, closes_at, caps) VALUES (?, ?, ?, ?)
      ON CONFLICT (event_id) DO UPDATE SET open = excluded.open, closes_at = excluded.closes_at, caps = excluded.caps`)
      .run(eventId, settings.open ? 1 : 0, settings.closesAt ?? null, JSON.stringify(settings.caps));
    return true;
  }
}

