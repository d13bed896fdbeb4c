// Issue 13, item 11: SameSite=Strict does not stop a same-site host (another port on the venue
// laptop's address). A write carrying the session cookie must prove it comes from this origin
// (Origin or Sec-Fetch-Site) and be JSON, except the raw uploads, which carry their own types.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/sync.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

describe('cross-site writes with the session cookie', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());

  const pairing = (headers: Record<string, string>, body = '{}') =>
    fx.app.request('http://10.0.0.5:8080/api/events/1/pairings', { method: 'POST', headers: { cookie: fx.coordinator.cookie, ...headers }, body });

  it('refuses a write from another origin, or with no proof of origin at all', async () => {
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'http://10.0.0.5:3000', 'content-type': 'application/json' }, // another port on the same address
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', origin: 'http://10.0.0.5:8080', 'content-type': 'application/json' },
      { 'content-type': 'application/json' },
    ]) {
      const response = await pairing(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      const error = ApiError.parse(await response.json()).error;
      expect(error.code).toBe('crossSiteRequest');
      expect(error.vi).toMatch(/trang khác/);
    }
  });

  it('refuses a same-origin write that is not JSON (a form post)', async () => {
    const response = await pairing({ origin: 'http://10.0.0.5:8080', 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(ApiError.parse(await response.json()).error.code).toBe('notJson');
  });

  it('accepts a write from the page itself, by Origin or by Sec-Fetch-Site', async () => {
    expect((await pairing({ origin: 'http://10.0.0.5:8080', 'content-type': 'application/json' })).status).toBe(201);
    expect((await pairing({ 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status).toBe(201);
  });

  it('checks the raw uploads for their own content types', async () => {
    const csv = 'Họ và tên,Đơn vị\nAn,Phường 1\n';
    const upload = (type: string) => fx.app.request('http://10.0.0.5:8080/api/events/1/roster-import', {
      method: 'POST', headers: { cookie: fx.coordinator.cookie, origin: 'http://10.0.0.5:8080', 'content-type': type }, body: csv,
    });
    expect((await upload('application/octet-stream')).status).toBe(200);
    expect((await upload('text/csv')).status).toBe(200);
    expect((await upload('application/x-www-form-urlencoded')).status).toBe(415);
    const crossSite = await fx.app.request('http://10.0.0.5:8080/api/events/1/desk-file', {
      method: 'POST', headers: { cookie: fx.coordinator.cookie, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('leaves desks alone: a bearer token is never sent by a browser on its own', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const pull = await fx.app.request('http://10.0.0.5:8080/api/events/1/facts', {
      method: 'POST', headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ facts: [], pending: 0 }),
    });
    expect(pull.status).toBe(200);
  });
});
