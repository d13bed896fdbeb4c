// The facts, devices and accounts tables: the migration from an issue-#2 data file, the
// all-or-nothing batch, and ingest that touches only its own batch's rows (issue 13).
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

  it('migrates a data file from before the sync tables, keeping its events', async () => {
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
    raw.close();
    temp.store = new SqliteStore(temp.file);
    expect(temp.store.getPackage(1)).toEqual(before);
    const check = new Database(temp.file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    check.close();
    expect(temp.store.ingestFacts(1, [admitFact(desk(1), { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T })], T).inserted).toBe(1);
  });

  it('runs every statement of a push on an index, none of them over the person\'s other admissions', async () => {
    temp = await openTempStore();
    const raw = new Database(temp.file);
    try {
      const plans = new SqliteFactLog(raw).plans();
      // A plain SCAN, or a search on the event prefix alone, makes each push cost the whole log.
      expect(plans.filter((p) => /^SCAN /.test(p) || /USING (COVERING )?INDEX \w+ \(event_id=\?\)$/.test(p) && !/facts_by_event/.test(p))).toEqual([]);
      // Looking a fact up by id, a person up on the roster, the cursor: each one key, none the person's group.
      expect(plans).toContain('SEARCH facts USING INDEX sqlite_autoindex_facts_1 (id=?)');
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
