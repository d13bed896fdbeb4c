// Issue 13, item 13: links handed to tablets never follow the request's Host header, and the
// database file and its folder are readable by the server's user only.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreFromEnv } from '../../../src/server/store/open-store.ts';
import { jsonInit } from '../../support/sync-session.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

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
