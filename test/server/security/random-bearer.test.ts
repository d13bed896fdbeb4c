// Issue 13, item 8: a made-up bearer token must not buy a fresh rate-limit bucket. An unknown
// token counts against its address, so login, pairing guesses and self-registration stay limited.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/sync.ts';
import { jsonInit } from '../../support/sync-session.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

describe('random bearer tokens and the rate limit', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture({ rateLimit: { perSecond: 1, burst: 10 } }); });
  afterEach(() => fx.close());

  const randomToken = () => randomBytes(32).toString('base64url');

  it('counts every unknown token against the one address they come from', async () => {
    fx.clock.now += 60_000; // the fixture's own sign-in came from this address too: start with a full bucket
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const guess = jsonInit('POST', { code: 'ABCD2345', deviceName: 'Máy lạ', deskId: 'ban-1' }, { token: randomToken() });
      statuses.push((await fx.fetcher('/api/pair', guess)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    // The same address without any token is in that same, now empty, bucket.
    const plain = await fx.fetcher('/api/pair', jsonInit('POST', { code: 'ABCD2345', deviceName: 'Máy lạ', deskId: 'ban-1' }));
    expect(plain.status).toBe(429);
    expect(ApiError.parse(await plain.json()).error.code).toBe('rateLimited');
  });

  it('leaves a real desk its own bucket while the address is flooded', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    for (let i = 0; i < 20; i++) await fx.fetcher('/api/me', { headers: { authorization: `Bearer ${randomToken()}` } });
    const real = await fx.fetcher('/api/events/1/facts', { headers: { authorization: `Bearer ${desk.token}` } });
    expect(real.status).toBe(200);
  });
});
