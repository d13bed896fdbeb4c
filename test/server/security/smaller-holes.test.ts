// Issue 13, item 13: links handed to tablets never follow the request's Host header, and the
// database file and its folder are readable by the server's user only.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreFromEnv } from '../../../src/server/store/open-store.ts';
import { PullResponse } from '../../../src/shared/sync.ts';
import { admitFact, jsonInit, push } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from '../http/sync-fixture.ts';

describe('links ignore the Host header', () => {
  let fx: SyncFixture;
  let server: ServerType;
  let port = 0;
  beforeAll(async () => {
    fx = await openSyncFixture();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: fx.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => { port = info.port; resolve(); });
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fx.close();
  });

  it('builds the pairing and share links from the server’s own address, not a forged Host', async () => {
    const headers = { ...jsonInit('POST', {}, fx.coordinator).headers as Record<string, string>, host: 'evil.example:8080' };
    const { request } = await import('node:http');
    const post = (path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('{}');
    });
    const pairing = await post('/api/events/1/pairings');
    expect(pairing.status).toBe(201);
    const { pairUrl } = JSON.parse(pairing.body) as { pairUrl: string };
    expect(pairUrl).not.toContain('evil.example');
    expect(pairUrl).toMatch(new RegExp(`^http://[^/]+:${port}/#pair=`));
    const share = await post('/api/events/1/units/2/shares');
    expect(share.status).toBe(201);
    expect((JSON.parse(share.body) as { url: string }).url).not.toContain('evil.example');
  });
});

describe('the database file', () => {
  it('is created 0600 in a 0700 folder, WAL included', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dd-perm-')), 'data');
    const opened = await openStoreFromEnv({ DATA_DIR: dataDir });
    try {
      await opened.seed();
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'diemdanh.sqlite'))).toBe(0o600);
      expect(mode(join(dataDir, 'diemdanh.sqlite-wal'))).toBe(0o600);
    } finally {
      await opened.close();
    }
  });
});

describe('a share link’s cursor', () => {
  let fx: SyncFixture;
  beforeAll(async () => { fx = await openSyncFixture(); });
  afterAll(() => fx.close());

  it('never tells how many facts other events hold, yet pages and resumes', async () => {
    const deskOf2 = await fx.pair({ deskId: (fx.temp.store.getPackage(2)!.desks[0]!.id), eventId: 2 });
    const desk = await fx.pair({ deskId: 'ban-1' });
    const admit = (source: typeof desk, eventId: number, nth: number) => {
      const p = fx.people(eventId)[nth]!;
      return admitFact(source, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + nth });
    };
    await push(fx.fetcher, deskOf2.auth, 2, [0, 1, 2, 3, 4].map((n) => admit(deskOf2, 2, n))); // seqs 1–5, another event
    const first = admit(desk, 1, 0);
    await push(fx.fetcher, desk.auth, 1, [first]); // seq 6
    const offer = await (await fx.fetcher(`/api/events/1/units/${first.unitId}/shares`, jsonInit('POST', {}, fx.coordinator))).json() as { url: string };
    const headers = { 'X-Share-Token': new URL(offer.url).hash.replace('#share=', '') };

    const page = PullResponse.parse(await (await fx.fetcher('/api/share/facts?after=0', { headers })).json());
    expect(page.facts.map((f) => f.id)).toEqual([first.id]);
    expect(page.cursor).not.toBe(6);
    expect(page.facts[0]!.seq).not.toBe(6);

    const later = admit(desk, 1, 1);
    await push(fx.fetcher, desk.auth, 1, [{ ...later, unitId: first.unitId }]);
    const next = PullResponse.parse(await (await fx.fetcher(`/api/share/facts?after=${page.cursor}`, { headers })).json());
    expect(next.facts.map((f) => f.id)).toEqual([later.id]);
    expect(next.cursor - page.cursor).not.toBe(1); // not even the distance between two cursors counts the log
  });
});
