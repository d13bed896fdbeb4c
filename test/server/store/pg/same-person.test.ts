// Issue 13, item 4 on PostgreSQL: 500 admissions of one person into a log holding 10,000 of
// theirs read no row of the log beyond the batch's own (counted with the transaction's own table
// statistics, not timed), and the derived duplicates still leave exactly one standing.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EventTallies } from '../../../../src/server/live/event-tallies.ts';
import { ingestFactsWith } from '../../../../src/server/store/pg/facts.ts';
import { PgStore } from '../../../../src/server/store/pg/pg-store.ts';
import type { Fact } from '../../../../src/shared/schemas.ts';
import { freshDatabase, pgForTests } from '../../../support/pg-cluster.ts';
import { admitFact } from '../../../support/sync-session.ts';
import { EVENTS, T, desk } from '../contract.ts';

const pgServer = await pgForTests();

const one = (n: number, deviceTime: number): Fact => admitFact(desk(n), { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime });

/**
 * Rows of `facts` this transaction has read so far: heap rows of sequential and index scans,
 * and entries read from each of its indexes (an index-only scan touches no heap row).
 */
async function factRowsRead(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT pg_stat_get_xact_tuples_returned('facts'::regclass)
      + pg_stat_get_xact_tuples_fetched('facts'::regclass)
      + (SELECT COALESCE(SUM(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) FROM pg_index i WHERE i.indrelid = 'facts'::regclass) AS n`);
  return Number(rows[0]!.n);
}

describe.skipIf(!pgServer)('PostgreSQL ingest of the same person', () => {
  afterAll(async () => pgServer?.stop());

  it('reads only the batch it stores, however many admissions of the person the log holds', async () => {
    const db = await freshDatabase(pgServer!);
    const store = await PgStore.open(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      await store.createEvent(EVENTS[0]!);
      const held = Array.from({ length: 10_000 }, (_, i) => one(1, T + i * 100));
      for (let i = 0; i < held.length; i += 500) await store.ingestFacts(1, held.slice(i, i + 500), T);
      const batch = Array.from({ length: 500 }, (_, i) => one(2, T + 2_000_000 + i));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const before = await factRowsRead(client);
        const result = await ingestFactsWith(client, 1, batch, T);
        const read = (await factRowsRead(client)) - before;
        await client.query('COMMIT');
        expect(result.inserted).toBe(500);
        // Settling a stored flag read the person's 10,500 admissions on every batch.
        expect(read).toBeLessThan(500);
      } finally {
        client.release();
      }
      const { facts } = await store.factsOf(1);
      const duplicates = await new EventTallies(store).duplicates(1, facts);
      expect(facts.filter((_, i) => !duplicates[i]).map((f) => f.id)).toEqual([held[0]!.id]);
    } finally {
      await pool.end();
      await store.close();
      await db.drop();
    }
  });
});
