// The LISTEN/NOTIFY feed between processes: a publish on one feed reaches another's listeners;
// stray notices are ignored; a dropped listening connection comes back and wakes every stream,
// since notices sent while it was down are lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { FACT_CHANNEL, PgFactFeed, parseFactNotice } from '../../../../src/server/store/pg/fact-feed.ts';
import { freshDatabase, pgForTests } from '../../../support/pg-cluster.ts';

const pgServer = await pgForTests();

/** Resolves with the next cursor a listener of `feed` receives for `eventId`, or rejects after `ms`. */
function nextCursor(feed: PgFactFeed, eventId: number, ms = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`no notice for event ${eventId} in ${ms} ms`)); }, ms);
    const stop = feed.subscribe(eventId, (cursor) => { clearTimeout(timer); stop(); resolve(cursor); });
  });
}

describe.skipIf(!pgServer)('PgFactFeed', () => {
  let url = '';
  let drop: (() => Promise<void>) | undefined;
  const feeds: PgFactFeed[] = [];
  beforeAll(async () => {
    const db = await freshDatabase(pgServer!);
    url = db.url;
    drop = db.drop;
    feeds.push(await PgFactFeed.start(url), await PgFactFeed.start(url));
  });
  afterAll(async () => {
    await Promise.all(feeds.map((f) => f.close()));
    await drop?.();
    await pgServer?.stop();
  });

  it('carries "<event>:<cursor>" from one process to the other, per event', async () => {
    const [a, b] = feeds;
    const onB = nextCursor(b!, 7);
    const otherEvent = nextCursor(b!, 8, 500);
    a!.publish(7, 42);
    expect(await onB).toBe(42);
    await expect(otherEvent).rejects.toThrow(/no notice/);
    expect(b!.listenerCount(7)).toBe(0);
  });

  it('ignores anything else sent on the channel', async () => {
    const [, b] = feeds;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const received = nextCursor(b!, 7, 700);
      for (const payload of ['', 'x', '7', '7:', '7:abc', '{"eventId":7}']) await client.query('SELECT pg_notify($1, $2)', [FACT_CHANNEL, payload]);
      await expect(received).rejects.toThrow(/no notice/);
      expect(parseFactNotice('12:345')).toEqual({ eventId: 12, cursor: 345 });
    } finally {
      await client.end();
    }
  });

  it('reconnects after its listening connection is killed, wakes its streams, and hears later notices', async () => {
    const [a, b] = feeds;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const woken = nextCursor(b!, 9, 10_000);
      // Both feeds LISTEN; kill them all: the publisher's own listener must come back as well.
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'LISTEN ${FACT_CHANNEL}'`);
      expect(killed.rowCount).toBe(2);
      expect(await woken).toBe(0);
      const later = nextCursor(b!, 9);
      a!.publish(9, 77);
      expect(await later).toBe(77);
    } finally {
      await admin.end();
    }
  }, 20_000);
});
