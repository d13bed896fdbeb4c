// The facts, devices and accounts tables: the migration from an issue-#2 data file (through the
// rebuild that makes a fact's identity its event and id), the all-or-nothing batch, and ingest
// that touches only its own batch's rows (issue 13).
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteFactLog } from '../../../../src/server/store/sqlite/facts.ts';
import { MIGRATIONS } from '../../../../src/server/store/sqlite/migrations.ts';
import { SqliteStore } from '../../../../src/server/store/sqlite/sqlite-store.ts';
import type { Fact } from '../../../../src/shared/schemas.ts';
import { admitFact, voidFact } from '../../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../temp-store.ts';

const desk = (n: number) => ({ eventId: 1, deviceId: `may-${n}`, deskId: `ban-${n}` });
const T = Date.UTC(2024, 6, 10, 1, 0);

describe('SqliteStore facts', () => {
  let temp: TempStore | undefined;
  afterEach(() => temp?.remove());

  it('migrates a data file from before the sync tables, keeping its events and, through the rebuild of migration 10, its facts', async () => {
    temp = await openTempStore();
    const before = temp.store.getPackage(1);
    temp.store.close();
    const raw = new Database(temp.file);
    raw.exec('DROP TRIGGER participants_logged_insert; DROP TRIGGER participants_logged_update; DROP TRIGGER participants_logged_delete; DROP TABLE roster_changes; DROP TABLE share_links; DROP TABLE sessions; DROP TABLE coordinators; DROP TABLE pairing_codes; DROP TABLE devices; DROP TABLE facts;');
    // …and from before migration 5's roster columns, so the file is truly a version-1 file.
    raw.exec(`DROP INDEX participants_by_phone; ALTER TABLE participants DROP COLUMN id_number;
      ALTER TABLE participants DROP COLUMN qr_mask; ALTER TABLE participants DROP COLUMN origin; DROP TABLE registration;`);
    raw.exec("DROP TABLE fact_reviews;"); // migration 7
    raw.exec("ALTER TABLE events DROP COLUMN archived_at;"); // migration 8
    raw.exec("ALTER TABLE participants DROP COLUMN birth_year;"); // migration 11
    raw.pragma('user_version = 1');
    // Up to version 9 as a server of then would have run it, then a log in the old table, where
    // fact ids were unique across events: seqs with a gap, interleaved events, and the counter
    // above the highest seq held (the last fact's event row went, and its facts with it).
    for (const sql of MIGRATIONS.slice(1, 9)) raw.exec(sql);
    raw.pragma('user_version = 9');
    const insert = raw.prepare(`INSERT INTO facts (seq, id, event_id, kind, person_key, unit_id, category, checkpoint, method,
      device_id, desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      VALUES (?, ?, ?, ?, ?, 1, 'Người hiến máu', 'arrived', ?, 'may-1', 'ban-1', ?, 0, ?, ?, ?, ?)`);
    const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    insert.run(1, id(1), 1, 'admit', '1', 'scan', T, null, null, 0, T);
    insert.run(2, id(2), 2, 'admit', '2', 'lookup', T + 1, null, null, 1, T);
    insert.run(5, id(3), 1, 'void', '1', 'undo', T + 2, id(1), null, 0, T + 5);
    insert.run(6, id(4), 1, 'admit', 'w:01900000-0000-7000-8000-00000000aaaa', 'walk-in', T + 3, null, '{"name":"Lò Văn A","unitId":1,"category":"Người hiến máu"}', 0, T + 6);
    insert.run(9, id(5), 1, 'admit', '3', 'scan', T + 4, null, null, 0, T + 7);
    raw.prepare('DELETE FROM facts WHERE seq = 9').run();
    const oldLog = raw.prepare('SELECT * FROM facts ORDER BY seq').all();
    expect(raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'facts'").pluck().get()).toBe(9);
    raw.close();

    temp.store = new SqliteStore(temp.file);
    expect(temp.store.getPackage(1)).toEqual(before);
    const check = new Database(temp.file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(check.prepare('SELECT * FROM facts ORDER BY seq').all()).toEqual(oldLog);
      expect(check.prepare("SELECT name, seq FROM sqlite_sequence WHERE name LIKE 'facts%'").all()).toEqual([{ name: 'facts', seq: 9 }]);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'facts' AND type = 'index' ORDER BY name").pluck().all())
        .toEqual(['facts_by_event', 'facts_by_person', 'facts_by_unit', 'facts_by_voids', 'sqlite_autoindex_facts_1']);
      expect(check.pragma('foreign_key_check')).toEqual([]);
    } finally {
      check.close();
    }
    // The log reads as before, and new facts take seqs after the old counter, never a reused one.
    expect(temp.store.factsOf(1).facts.map((f) => [f.seq, f.id])).toEqual([[1, id(1)], [5, id(3)], [6, id(4)]]);
    const next = admitFact(desk(1), { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T });
    expect(temp.store.ingestFacts(1, [next], T)).toEqual({ stored: [next.id], inserted: 1, cursor: 10 });
    // Ids are now unique per event: event 2 may hold event 1's id, event 1 still holds it once.
    const twin = { ...admitFact({ ...desk(1), eventId: 2 }, { personKey: '7', unitId: 1, category: 'Giáo viên', deviceTime: T }), id: id(1) };
    expect(temp.store.ingestFacts(2, [twin], T)).toEqual({ stored: [id(1)], inserted: 1, cursor: 11 });
    expect(temp.store.ingestFacts(1, [{ ...next, id: id(1) }], T).inserted).toBe(0);
    expect(temp.store.factsOf(1).facts.filter((f) => f.id === id(1))).toHaveLength(1);
    expect(temp.store.factsOf(2).facts.map((f) => f.id)).toEqual([id(2), id(1)]);
  });

  it('runs every statement of a push on an index, none of them over the person\'s other admissions', async () => {
    temp = await openTempStore();
    const raw = new Database(temp.file);
    try {
      const plans = new SqliteFactLog(raw).plans();
      // A plain SCAN, or a search on the event prefix alone, makes each push cost the whole log.
      expect(plans.filter((p) => /^SCAN /.test(p) || /USING (COVERING )?INDEX \w+ \(event_id=\?\)$/.test(p) && !/facts_by_event/.test(p))).toEqual([]);
      // Looking a fact up by id, a person up on the roster, the cursor: each one key, none the person's group.
      expect(plans).toContain('SEARCH facts USING COVERING INDEX sqlite_autoindex_facts_1 (event_id=? AND id=?)');
      expect(plans.filter((p) => /facts_by_person|facts_by_voids/.test(p))).toEqual([]);
    } finally {
      raw.close();
    }
  });

  it('stores a batch whole or not at all', async () => {
    temp = await openTempStore();
    const good = [1, 2, 3].map((no) => admitFact(desk(1), { personKey: String(no), unitId: 1, category: 'Người hiến máu', deviceTime: T }));
    const broken = { ...good[0]!, id: '01900000-0000-7000-8000-0000000000ff', kind: 'bogus' } as unknown as Fact;
    expect(() => temp!.store.ingestFacts(1, [...good, broken], T)).toThrow(/CHECK constraint/);
    expect(temp.store.factsAfter(1, 0, 100)).toEqual([]);
    const result = temp.store.ingestFacts(1, [...good, good[0]!], T);
    expect(result).toEqual({ stored: good.map((f) => f.id), inserted: 3, cursor: 3 });
  });

  it('drops the stored duplicate flag: the facts table has no such column after migration 6', async () => {
    temp = await openTempStore();
    const raw = new Database(temp.file, { readonly: true });
    try {
      const columns = (raw.prepare('PRAGMA table_info(facts)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns).not.toContain('duplicate');
      expect(columns).toContain('unknown');
    } finally {
      raw.close();
    }
  });

  it('keeps a void that arrives before its admission, and the admission then never stands', async () => {
    temp = await openTempStore();
    const first = admitFact(desk(1), { personKey: '4', unitId: 1, category: 'Người hiến máu', deviceTime: T });
    const second = admitFact(desk(2), { personKey: '4', unitId: 1, category: 'Người hiến máu', deviceTime: T + 60_000 });
    temp.store.ingestFacts(1, [voidFact(desk(1), first, T + 1000), second], T);
    temp.store.ingestFacts(1, [first], T);
    const stored = temp.store.factsOf(1);
    expect(stored.cursor).toBe(3);
    expect(stored.facts.map((f) => f.id)).toEqual([stored.facts[0]!.id, second.id, first.id]);
    expect(stored.facts.some((f) => 'duplicate' in f)).toBe(false);
  });
});
