// What only the PostgreSQL store has: versioned migrations that N processes starting at once run
// exactly once, an old database brought up to date, and DATABASE_URL choosing the store.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../../../src/server/store/pg/migrations.ts';
import { insertEvent } from '../../../../src/server/store/pg/rows.ts';
import { PgStore } from '../../../../src/server/store/pg/pg-store.ts';
import { SqliteStore } from '../../../../src/server/store/sqlite/sqlite-store.ts';
import { openStoreFromEnv } from '../../../../src/server/store/open-store.ts';
import { freshDatabase, pgForTests } from '../../../support/pg-cluster.ts';
import { PROJECT_ROOT } from '../../../support/server.ts';
import { admitFact } from '../../../support/sync-session.ts';
import { EVENTS, T } from '../contract.ts';

const pgServer = await pgForTests();

async function versions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgServer)('PgStore migrations and DATABASE_URL', () => {
  afterAll(async () => pgServer?.stop());

  it('migrates once when four processes open an empty database at the same moment', async () => {
    const db = await freshDatabase(pgServer!);
    const stores = await Promise.all([1, 2, 3, 4].map(() => PgStore.open(db.url)));
    expect(await versions(db.url)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
    await Promise.all(stores.map((s) => s.close()));
    await db.drop();
  });

  it('brings a database from an older version up to date, keeping its data', async () => {
    // A database as the first release left it: migration 1 only, with an event in it.
    const db = await freshDatabase(pgServer!);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await client.query(PG_MIGRATIONS[0]!);
    await client.query('INSERT INTO schema_migrations (version) VALUES (1)');
    // insertEvent writes today's columns: birth_year (migration 10) is there only while it runs.
    await client.query('ALTER TABLE participants ADD COLUMN birth_year INTEGER');
    await insertEvent(client, EVENTS[0]!);
    await client.query('ALTER TABLE participants DROP COLUMN birth_year');
    await client.end();
    const reopened = await PgStore.open(db.url);
    try {
      expect(await versions(db.url)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
      const pkg = await reopened.getPackage(1);
      expect(pkg?.participants).toHaveLength(EVENTS[0]!.participants.length);
      // The change log starts with everyone already there; later columns take their defaults.
      expect(pkg?.rosterSeq).toBe(EVENTS[0]!.participants.length);
      expect(await reopened.registrationOf(1)).toEqual({ open: false, caps: {} });
      expect(await reopened.codesWithoutMask(1, 3)).toEqual([1, 2, 3]);
      const fact = admitFact({ eventId: 1, deviceId: 'may-1', deskId: 'ban-1' }, { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T });
      expect(await reopened.ingestFacts(1, [fact], T)).toEqual({ stored: [fact.id], inserted: 1, cursor: 1 });
    } finally {
      await reopened.close();
      await db.drop();
    }
  });

  it('keeps every fact and its seq through migration 9, after which ids are unique per event only', async () => {
    // A database at version 8, where a fact id was unique across events, with a log in two events.
    const db = await freshDatabase(pgServer!);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    for (const [i, sql] of PG_MIGRATIONS.slice(0, 8).entries()) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [i + 1]);
    }
    // As above: insertEvent writes today's columns, birth_year (migration 10) among them.
    await client.query('ALTER TABLE participants ADD COLUMN birth_year INTEGER');
    for (const event of EVENTS) await insertEvent(client, event);
    await client.query('ALTER TABLE participants DROP COLUMN birth_year');
    const facts = [1, 2, 3].map((n) => admitFact({ eventId: 1, deviceId: 'may-1', deskId: 'ban-1' }, { personKey: String(n), unitId: 1, category: 'Người hiến máu', deviceTime: T + n }));
    const other = admitFact({ eventId: 2, deviceId: 'may-2', deskId: 'ban-1' }, { personKey: '4', unitId: 1, category: 'Giáo viên', deviceTime: T });
    const asRow = (f: typeof other, ord: number) => ({ ord, id: f.id, kind: f.kind, person_key: f.personKey, unit_id: f.unitId, category: f.category,
      checkpoint: f.checkpoint, method: f.method, device_id: f.deviceId, desk_id: f.deskId, device_time: f.deviceTime, clock_offset_ms: 0, voids: null, walk_in: null, unknown: false });
    await client.query('SELECT ingest_facts(1, $1, $2::jsonb)', [T, JSON.stringify(facts.slice(0, 2).map((f, i) => asRow(f, i + 1)))]);
    await client.query('SELECT ingest_facts(2, $1, $2::jsonb)', [T, JSON.stringify([asRow(other, 1)])]);
    await client.query('SELECT ingest_facts(1, $1, $2::jsonb)', [T, JSON.stringify([asRow(facts[2]!, 1)])]);
    const oldLog = (await client.query('SELECT * FROM facts ORDER BY event_id, seq')).rows;
    await client.end();
    const store = await PgStore.open(db.url);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      expect(await versions(db.url)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
      expect((await check.query('SELECT * FROM facts ORDER BY event_id, seq')).rows).toEqual(oldLog);
      expect((await store.factsOf(1)).facts.map((f) => [f.seq, f.id])).toEqual(facts.map((f, i) => [i + 1, f.id]));
      const keys = await check.query<{ def: string }>(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'facts'::regclass AND contype IN ('u', 'p') ORDER BY 1`);
      expect(keys.rows.map((r) => r.def)).toEqual(['PRIMARY KEY (event_id, seq)', 'UNIQUE (event_id, id)']);
      // Event 2 may now hold event 1's id as its own fact; event 1 still holds it once.
      const twin = { ...other, id: facts[0]!.id, personKey: '5' };
      expect(await store.ingestFacts(2, [twin], T)).toEqual({ stored: [twin.id], inserted: 1, cursor: 2 });
      expect(await store.ingestFacts(1, [facts[0]!], T)).toEqual({ stored: [facts[0]!.id], inserted: 0, cursor: 3 });
      expect((await store.factsOf(2)).facts.map((f) => [f.id, f.personKey])).toEqual([[other.id, '4'], [twin.id, '5']]);
    } finally {
      await check.end();
      await store.close();
      await db.drop();
    }
  });

  it('logs a change of birth year as a roster change (desks hold it), and not a QR mask', async () => {
    const db = await freshDatabase(pgServer!);
    const store = await PgStore.open(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await store.createEvent(EVENTS[0]!);
      const seq = (await store.getPackage(1))!.rosterSeq!;
      await client.query('UPDATE participants SET qr_mask = 3 WHERE event_id = 1 AND no = 7');
      expect((await store.rosterChangesAfter(1, seq, 10)).changes).toEqual([]);
      await client.query('UPDATE participants SET birth_year = 1990 WHERE event_id = 1 AND no = 7');
      await expect(client.query('UPDATE participants SET birth_year = 1800 WHERE event_id = 1 AND no = 8')).rejects.toThrow(/check constraint/);
      const { changes } = await store.rosterChangesAfter(1, seq, 10);
      expect(changes.map((c) => [c.no, c.participant?.birthYear])).toEqual([[7, 1990]]);
    } finally {
      await client.end();
      await store.close();
      await db.drop();
    }
  });

  it('opens PostgreSQL for a postgres:// DATABASE_URL, SQLite in DATA_DIR without one, and refuses anything else', async () => {
    const db = await freshDatabase(pgServer!);
    const dataDir = mkdtempSync(join(tmpdir(), 'dd-backend-'));
    try {
      const onPg = await openStoreFromEnv({ DATABASE_URL: db.url, DATA_DIR: dataDir });
      expect(onPg.store).toBeInstanceOf(PgStore);
      expect(onPg.where).toMatch(/^PostgreSQL 127\.0\.0\.1:\d+\/dd_test_/);
      expect(onPg.where).not.toMatch(/postgres@/);
      expect(await onPg.seed()).toBe(3);
      expect(await onPg.seed()).toBe(0);
      await onPg.close();
      expect(existsSync(join(dataDir, 'diemdanh.sqlite'))).toBe(false);

      const onSqlite = await openStoreFromEnv({ DATA_DIR: dataDir });
      expect(onSqlite.store).toBeInstanceOf(SqliteStore);
      expect(onSqlite.where).toBe(`data: ${join(dataDir, 'diemdanh.sqlite')}`);
      await onSqlite.close();

      await expect(openStoreFromEnv({ DATABASE_URL: 'mysql://root@localhost/x' })).rejects.toThrow(/postgres:\/\//);
      const server = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: 'mysql://root@localhost/x' },
      });
      expect(server.status).toBe(1);
      expect(server.stderr).toMatch(/cannot open the store: DATABASE_URL must start with postgres:\/\//);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  }, 30_000);
});
