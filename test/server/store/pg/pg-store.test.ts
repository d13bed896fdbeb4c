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
    await insertEvent(client, EVENTS[0]!);
    await client.end();
    const reopened = await PgStore.open(db.url);
    try {
      expect(await versions(db.url)).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
      const pkg = await reopened.getPackage(1);
      expect(pkg?.participants).toHaveLength(EVENTS[0]!.participants.length);
      // The change log starts with everyone already there; later columns take their defaults.
      expect(pkg?.rosterSeq).toBe(EVENTS[0]!.participants.length);
      expect(await reopened.registrationOf(1)).toEqual({ open: false, caps: {} });
      const fact = admitFact({ eventId: 1, deviceId: 'may-1', deskId: 'ban-1' }, { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T });
      expect(await reopened.ingestFacts(1, [fact], T)).toEqual({ stored: [fact.id], inserted: 1, cursor: 1 });
    } finally {
      await reopened.close();
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
