// Issue 13, item 4: one desk pushing the same person 500 times into a log that already holds
// 10,000 of their admissions. Ingest touches only the batch's own rows (counted, not timed: speed
// belongs to the bench), and the reports and the tally still count the person once.
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteFactLog } from '../../../src/server/store/sqlite/facts.ts';
import type { TallySnapshot } from '../../../src/server/live/tally-snapshot.ts';
import type { Fact } from '../../../src/shared/schemas.ts';
import { admitFact, authHeaders, pullAll, push } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

/** Rows a statement hands back or changes, and how many statements ran: what ingest cost. */
interface Touched { rows: number; statements: number }

/** A connection whose prepared statements count the rows they return or change. */
function countingConnection(db: Database.Database, touched: Touched): Database.Database {
  const wrap = (statement: Database.Statement): Database.Statement => {
    const counted: Database.Statement = new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'pluck' || key === 'raw' || key === 'expand') return (...args: unknown[]) => { value.apply(target, args); return counted; };
        if (key !== 'run' && key !== 'get' && key !== 'all') return value.bind(target);
        return (...args: unknown[]) => {
          touched.statements++;
          const result = value.apply(target, args) as unknown;
          touched.rows += key === 'all' ? (result as unknown[]).length : key === 'get' ? (result === undefined ? 0 : 1) : (result as { changes: number }).changes;
          return result;
        };
      },
    });
    return counted;
  };
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'prepare') return (source: string) => wrap(target.prepare(source));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const MINUTE = 60_000;
const AT_0845 = T0 + 105 * MINUTE;

describe('the same person admitted 10,500 times', () => {
  let fx: SyncFixture;
  let deskA: PairedDesk;
  let deskB: PairedDesk;
  let earliest: Fact;
  const seeded: Fact[] = [];
  const get = (path: string) => fx.app.request(path, { headers: authHeaders(fx.coordinator) });
  let person: { unitId: number; category: string };
  const one = (deviceTime: number, desk: PairedDesk) =>
    admitFact(desk, { personKey: '1', unitId: person.unitId, category: person.category, deviceTime });

  beforeAll(async () => {
    fx = await openSyncFixture();
    deskA = await fx.pair({ deskId: 'ban-1' });
    deskB = await fx.pair({ deskId: 'ban-2' });
    person = fx.people(1).find((x) => x.no === 1)!;
    for (let i = 0; i < 10_000; i++) seeded.push(one(AT_0845 + i * 100, deskA));
    earliest = seeded[0]!;
    for (let i = 0; i < seeded.length; i += 500) fx.temp.store.ingestFacts(1, seeded.slice(i, i + 500), T0);
  }, 60_000);
  afterAll(() => fx.close());

  it('stores 500 more with the same statements and rows as into an empty log', () => {
    const touched: Touched = { rows: 0, statements: 0 };
    const raw = new Database(fx.temp.file);
    try {
      const log = new SqliteFactLog(countingConnection(raw, touched));
      const batch = Array.from({ length: 500 }, (_, i) => one(AT_0845 + 2_000_000 + i, deskA));
      const result = log.ingest(1, batch, T0);
      expect(result.inserted).toBe(500);
      // One insert and one roster lookup per fact, one cursor read per batch: the 10,000 held are never read.
      expect(touched.statements).toBe(500 * 2 + 1);
      expect(touched.rows).toBeLessThanOrEqual(500 * 2 + 1);
    } finally {
      raw.close();
    }
  });

  it('counts the person once on the tally and in the reports, every later scan a duplicate', async () => {
    const flood = Array.from({ length: 500 }, (_, i) => one(AT_0845 + 3_000_000 + i, deskB));
    expect((await push(fx.fetcher, deskB.auth, 1, flood)).stored).toHaveLength(500);
    const held = 10_000 + 500 + 500;

    const tally = await (await get('/api/events/1/tally')).json() as TallySnapshot;
    expect(tally.facts).toBe(held);
    expect(tally.checkpoints.find((c) => c.checkpoint === 'arrived')?.total).toBe(1);

    const pulled = (await pullAll(fx.fetcher, deskA.auth, 1)).facts;
    expect(pulled.filter((f) => f.duplicate !== true).map((f) => f.id)).toEqual([earliest.id]);

    const participants = Papa.parse<string[]>((await (await get('/api/events/1/reports/participants.csv')).text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const duplicatesColumn = participants[0]!.indexOf('Số lần quét trùng');
    expect(participants.find((r) => r[0] === '1')![duplicatesColumn]).toBe(String(held - 1));
    const scans = (await (await get('/api/events/1/reports/scans.csv?lang=en')).text()).split('\r\n');
    expect(scans.filter((line) => line.includes('"Duplicate (admitted on another device)"'))).toHaveLength(held - 1);
  }, 30_000);
});
