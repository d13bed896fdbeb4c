// Issue 13, item 12: every HTML page, the PWA's and the server's own, carries a CSP that runs no
// script but its own files and the exact inline scripts it ships (by hash), cannot be framed,
// sends no referrer, and is never sniffed into another type.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.ts';
import { setCoordinatorPassword } from '../../../src/server/cli/set-password.ts';
import { COORDINATOR, jsonInit, login } from '../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';
import { SHARE_TOKEN_HEADER } from '../../../src/shared/board.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

describe('headers of HTML pages', () => {
  let temp: TempStore;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  beforeAll(async () => {
    temp = await openTempStore();
    const dist = join(temp.dir, 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Điểm danh</title><script type="module" src="/assets/a.js"></script>');
    app = createApp({ store: temp.store, distDir: dist, rateLimit: false });
    await setCoordinatorPassword(temp.store, { ...COORDINATOR, now: Date.now() });
    cookie = (await login(async (path, init) => app.request(path, init))).cookie;
    await app.request('/api/events/1/registration', jsonInit('PUT', { open: true, caps: {} }, { cookie }));
  });
  afterAll(() => temp.remove());

  const pages = ['/', '/unit', '/r/1', '/api/events/1/reports', '/api/events/1/reports/print', '/api/events/1/units/2/badges'];

  it.each(pages)('%s has the CSP, frame, referrer and sniffing headers', async (path) => {
    const response = await app.request(path, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    for (const script of inlineScripts(html)) expect(scripts).toContain(sha256(script));
    expect(html).not.toMatch(/\son[a-z]+="/); // inline handlers never run under this CSP
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the print buttons’ script as a file the CSP allows', async () => {
    const response = await app.request('/api/pages/print.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain("querySelectorAll('[data-print]')");
  });

  it('marks API answers nosniff too', async () => {
    const response = await app.request('/api/events');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('share tokens stay out of paths', () => {
  let fx: SyncFixture;
  beforeAll(async () => { fx = await openSyncFixture(); });
  afterAll(() => fx.close());

  it('reads a share link by its X-Share-Token header, and no longer by a path holding the token', async () => {
    const offer = await (await fx.fetcher('/api/events/1/units/1/shares', jsonInit('POST', {}, fx.coordinator))).json() as { url: string };
    const token = new URL(offer.url).hash.replace('#share=', '');
    for (const path of [`/api/share/${token}`, `/api/share/${token}/facts?after=0`]) {
      expect((await fx.fetcher(path)).status, path).toBe(404);
    }
    const headers = { [SHARE_TOKEN_HEADER]: token };
    expect((await fx.fetcher('/api/share', { headers })).status).toBe(200);
    expect((await fx.fetcher('/api/share/facts?after=0', { headers })).status).toBe(200);
    expect((await fx.fetcher('/api/share/facts?after=0')).status).toBe(401);
  });
});
