// Editing an event on the embedded store. Every change bumps the package version in the same
// transaction, so desks pick it up at their next sync; nothing here ever touches the fact log.
import type Database from 'better-sqlite3';
import type { RegistrationSettings, UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Unit } from '../../../shared/schemas.ts';
import type { DeleteUnitOutcome, EventKeys, SaveDesksOutcome } from '../store.ts';

/** Event, unit, desk and registration edits for SqliteStore; shares its connection. */
export class SqliteEventEdit {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #bump(eventId: number): boolean {
    return this.#db.prepare('UPDATE events SET version = version + 1 WHERE id = ?').run(eventId).changes > 0;
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

  updateEvent(eventId: number, event: Omit<EventInfo, 'id'>): boolean {
    return this.#db.transaction(() => {
      const changed = this.#db.prepare(`UPDATE events SET name = ?, venue = ?, date = ?, time_zone = ?, opens_at = ?, arrive_by = ?,
        starts_at = ?, checkpoints = ?, targets = ?, version = version + 1 WHERE id = ?`).run(event.name, event.venue, event.date,
        event.timeZone, event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints),
        JSON.stringify(event.targets), eventId);
      return changed.changes > 0;
    })();
  }

  saveUnit(eventId: number, unit: UnitDraft): Unit | undefined {
    try {
      return this.#saveUnit(eventId, unit);
    } catch (error) {
      if (error instanceof UnitMissing) return undefined;
      throw error;
    }
  }

  #saveUnit(eventId: number, unit: UnitDraft): Unit | undefined {
    return this.#db.transaction(() => {
      if (!this.#bump(eventId)) return undefined;
      const values = [unit.name, unit.group || null, unit.leaderName || null, unit.leaderPhone || null,
        JSON.stringify(unit.quotas), unit.slot?.from ?? null, unit.slot?.to ?? null];
      let id = unit.id;
      if (id === undefined) {
        id = this.#db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM units WHERE event_id = ?').pluck().get(eventId) as number;
        this.#db.prepare(`INSERT INTO units (name, grp, leader_name, leader_phone, quotas, slot_from, slot_to, event_id, id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, eventId, id);
      } else {
        const changed = this.#db.prepare(`UPDATE units SET name = ?, grp = ?, leader_name = ?, leader_phone = ?, quotas = ?,
          slot_from = ?, slot_to = ? WHERE event_id = ? AND id = ?`).run(...values, eventId, id);
        if (changed.changes === 0) throw new UnitMissing();
      }
      const { id: _ignored, ...rest } = unit;
      return { id, ...rest, group: unit.group || undefined, leaderName: unit.leaderName || undefined, leaderPhone: unit.leaderPhone || undefined };
    })();
  }

  deleteUnit(eventId: number, unitId: number): DeleteUnitOutcome {
    return this.#db.transaction((): DeleteUnitOutcome => {
      const exists = this.#db.prepare('SELECT 1 FROM units WHERE event_id = ? AND id = ?').get(eventId, unitId);
      if (!exists) return 'not-found';
      // Facts name their unit; deleting it would orphan them, so the log wins.
      if (this.#db.prepare('SELECT 1 FROM facts WHERE event_id = ? AND unit_id = ? LIMIT 1').get(eventId, unitId)) return 'has-checkins';
      if (this.#db.prepare('SELECT 1 FROM participants WHERE event_id = ? AND unit_id = ? LIMIT 1').get(eventId, unitId)) return 'has-people';
      // A leader's link to a unit that is gone shows nothing: it goes with the unit.
      this.#db.prepare('DELETE FROM share_links WHERE event_id = ? AND unit_id = ?').run(eventId, unitId);
      this.#db.prepare('DELETE FROM units WHERE event_id = ? AND id = ?').run(eventId, unitId);
      this.#bump(eventId);
      return 'deleted';
    })();
  }

  saveDesks(eventId: number, desks: readonly Desk[]): SaveDesksOutcome {
    return this.#db.transaction((): SaveDesksOutcome => {
      if (!this.#db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId)) return { kind: 'not-found' };
      const kept = new Set(desks.map((d) => d.id));
      const current = this.#db.prepare('SELECT id FROM desks WHERE event_id = ?').pluck().all(eventId) as string[];
      for (const deskId of current.filter((id) => !kept.has(id))) {
        const used = this.#db.prepare(`SELECT 1 FROM devices WHERE event_id = ? AND desk_id = ?
          UNION ALL SELECT 1 FROM facts WHERE event_id = ? AND desk_id = ? LIMIT 1`).get(eventId, deskId, eventId, deskId);
        if (used) return { kind: 'in-use', deskId };
      }
      this.#db.prepare('DELETE FROM desks WHERE event_id = ?').run(eventId);
      const insert = this.#db.prepare('INSERT INTO desks (event_id, id, name, position) VALUES (?, ?, ?, ?)');
      desks.forEach((d, i) => insert.run(eventId, d.id, d.name, i));
      this.#bump(eventId);
      return { kind: 'saved' };
    })();
  }

  registration(eventId: number): RegistrationSettings | undefined {
    if (!this.#db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId)) return undefined;
    const row = this.#db.prepare('SELECT open, closes_at, caps FROM registration WHERE event_id = ?')
      .get(eventId) as { open: number; closes_at: number | null; caps: string } | undefined;
    if (!row) return { open: false, caps: {} };
    return { open: row.open === 1, ...(row.closes_at === null ? {} : { closesAt: row.closes_at }), caps: JSON.parse(row.caps) };
  }

  setRegistration(eventId: number, settings: RegistrationSettings): boolean {
    if (!this.#db.prepare('SELECT 1 FROM events WHERE id = ?').get(eventId)) return false;
    this.#db.prepare(`INSERT INTO registration (event_id, open, closes_at, caps) VALUES (?, ?, ?, ?)
      ON CONFLICT (event_id) DO UPDATE SET open = excluded.open, closes_at = excluded.closes_at, caps = excluded.caps`)
      .run(eventId, settings.open ? 1 : 0, settings.closesAt ?? null, JSON.stringify(settings.caps));
    return true;
  }
}

/** Thrown inside saveUnit's transaction to roll back the version bump when the unit is unknown. */
export class UnitMissing extends Error {}
