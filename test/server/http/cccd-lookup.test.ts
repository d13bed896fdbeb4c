// A chip card's ID number finds its roster person through the server: the event's desk gets the
// code number only, a desk of another event nothing, and guessing is cut off by the rate limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, CccdLookupAnswer } from '../../../src/shared/sync.ts';
import { authHeaders, jsonInit } from '../../support/sync-session.ts';
import { openSyncFixture, type SyncFixture } from './sync-fixture.ts';

let fx: SyncFixture;
beforeEach(async () => { fx = await openSyncFixture(); });
afterEach(() => fx.close());

const ID = '001095012345';

describe('CCCD lookup', () => {
  it('answers the event’s desk with the code number only, and nobody else', async () => {
    const csv = `Họ và tên,Đơn vị,Điện thoại,CCCD\nTrần Thị Lan,Xã Mai Pha,0912345677,${ID}\n`;
    const imported = await fx.app.request(`/api/events/2/roster-import?commit=1`, {
      method: 'POST', body: csv, headers: { ...authHeaders(fx.coordinator), 'content-type': 'text/csv' },
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const person = fx.temp.store.getPackage(2)!.participants.find((p) => p.name === 'Trần Thị Lan')!;
    const desk = await fx.pair({ deskId: 'ban-1', eventId: 2 });
    const found = await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: ID }, desk.auth));
    expect(found.status).toBe(200);
    const body = await found.json() as Record<string, unknown>;
    expect(body).toEqual({ no: person.no });
    expect(CccdLookupAnswer.parse(body).no).toBe(person.no);
    const unknown = await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: '001095099999' }, desk.auth));
    expect(unknown.status).toBe(404);
    expect((await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: '12ab' }, desk.auth))).status).toBe(400);
    // Another event's desk, and nobody at all, learn nothing.
    const other = await fx.pair({ deskId: 'ban-1', eventId: 1 });
    expect((await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: ID }, other.auth))).status).toBe(403);
    expect((await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: ID }))).status).toBe(401);
  });

  it('cuts a desk off after ten guesses in a row, in words', async () => {
    const desk = await fx.pair({ deskId: 'ban-1', eventId: 2 });
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      answers.push((await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: `0010950000${String(i).padStart(2, '0')}` }, desk.auth))).status);
    }
    expect(answers.slice(0, 10).every((s) => s === 404)).toBe(true);
    const limited = await fx.app.request('/api/events/2/cccd-lookup', jsonInit('POST', { idNumber: ID }, desk.auth));
    expect(limited.status).toBe(429);
    expect(ApiError.parse(await limited.json()).error.vi).toBeTruthy();
  });
});
