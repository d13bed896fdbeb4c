// Issue 13, bad input: impossible dates, absurd closing times and counts, over-long strings and
// too many units are refused with 400 in both languages and store nothing; control characters,
// bidi overrides and zero-width characters never reach the store; a walk-in's phone is checked
// like an imported one.
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdmitFact } from '../../../src/shared/schemas.ts';
import { ApiError, PushResponse } from '../../../src/shared/sync.ts';
import { jsonInit, pushRaw } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from '../http/sync-fixture.ts';

describe('bad input', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());

  const call = (method: string, path: string, body: unknown) => fx.fetcher(path, jsonInit(method, body, fx.coordinator));
  const refused = async (response: Response) => {
    expect(response.status).toBe(400);
    return ApiError.parse(await response.json()).error;
  };
  const pkg = (id: number) => fx.temp.store.getPackage(id)!;
  const draftOf = (id: number) => { const { id: _id, ...event } = pkg(id).event; return event; };
  const unitDraft = (over: object = {}) => ({ name: 'Phường Mới', quotas: [{ category: 'Người hiến máu', quota: 20 }], ...over });

  it('refuses impossible dates', async () => {
    for (const date of ['2024-13-45', '0000-00-00', '2023-02-29']) {
      const error = await refused(await call('PUT', '/api/events/1', { ...draftOf(1), date }));
      expect(error.vi).toMatch(/Ngày không có thật/);
      expect(error.en).toMatch(/No such day/);
    }
    expect(pkg(1).event.date).toBe('2024-07-10');
  });

  it('refuses a closing time no calendar can print, and the registration page stays up', async () => {
    const error = await refused(await call('PUT', '/api/events/2/registration', { open: true, closesAt: 8640000000000001, caps: {} }));
    expect(error.vi).toMatch(/Giờ đóng đăng ký/);
    expect((await fx.fetcher('/r/2')).status).toBe(200);
  });

  it('refuses quotas, caps and targets over 100,000', async () => {
    expect((await refused(await call('POST', '/api/events/1/units', unitDraft({ quotas: [{ category: 'Người hiến máu', quota: 100_001 }] })))).vi).toMatch(/100\.000/);
    await refused(await call('PUT', '/api/events/1/registration', { open: true, caps: { 1: 100_001 } }));
    await refused(await call('PUT', '/api/events/1', { ...draftOf(1), targets: { arrived: 1_000_000 } }));
    expect(pkg(1).units.some((u) => u.name === 'Phường Mới')).toBe(false);
  });

  it('refuses strings over their lengths, saying which limit', async () => {
    await call('PUT', '/api/events/3/registration', { open: true, caps: {} });
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/events/1/units', unitDraft({ name: 'x'.repeat(121) }), 'Dài quá 120 ký tự.'],
      ['POST', '/api/events/1/units', unitDraft({ quotas: [{ category: 'c'.repeat(61), quota: 1 }] }), 'Dài quá 60 ký tự.'],
      ['PUT', '/api/events/1/desks', [{ id: 'ban-1', name: 'd'.repeat(61) }], 'Dài quá 60 ký tự.'],
      ['PUT', '/api/events/1', { ...draftOf(1), venue: 'v'.repeat(201) }, 'Dài quá 200 ký tự.'],
    ];
    for (const [method, path, body, vi] of cases) expect((await refused(await call(method, path, body))).vi).toContain(vi);
    expect((await refused(await fx.fetcher('/api/events/3/registrations', jsonInit('POST', { unitId: 1, category: 'Sinh viên', name: 'n'.repeat(121), phone: '0939000001' })))).vi).toContain('120');
  });

  it('refuses the 1,001st unit and the 201st desk', async () => {
    const store = fx.temp.store;
    const have = store.unitsOf(2).length;
    for (let i = have; i < 1000; i++) store.saveUnit(2, { name: `Đơn vị ${i}`, quotas: [{ category: 'Người hiến máu', quota: 1 }] });
    expect(store.unitsOf(2)).toHaveLength(1000);
    const response = await call('POST', '/api/events/2/units', unitDraft());
    expect(response.status).toBe(400);
    expect(ApiError.parse(await response.json()).error).toMatchObject({ code: 'tooManyUnits', vi: expect.stringMatching(/1\.000 đơn vị/) });
    expect(store.unitsOf(2)).toHaveLength(1000);
    const desks = Array.from({ length: 201 }, (_, i) => ({ id: `ban-${i + 1}`, name: `Bàn ${i + 1}` }));
    expect((await refused(await call('PUT', '/api/events/2/desks', desks))).vi).toMatch(/200 bàn/);
  });

  it('strips control characters, NUL, bidi overrides and zero-width characters before storing', async () => {
    const venue = 'Nhà\u0000 văn hoá\u202E phường\u200B Sông\u2066 Cầu\u0007';
    expect((await call('PUT', '/api/events/1', { ...draftOf(1), venue })).status).toBe(200);
    expect(pkg(1).event.venue).toBe('Nhà văn hoá phường Sông Cầu');
    expect((await call('POST', '/api/events/1/units', unitDraft({ name: 'Xã\u202D Mới\uFEFF', quotas: [{ category: 'Sinh\u200B viên', quota: 5 }] }))).status).toBe(201);
    const unit = pkg(1).units.find((u) => u.name === 'Xã Mới');
    expect(unit).toMatchObject({ name: 'Xã Mới', quotas: [{ category: 'Sinh viên', quota: 5 }] });
    expect((await call('PUT', '/api/events/1/desks', [{ id: 'ban-1', name: 'Bàn\u202E 1\n' }, { id: 'ban-2', name: 'Bàn 2' }, { id: 'ban-3', name: 'Bàn 3' }])).status).toBe(200);
    expect(pkg(1).desks[0]!.name).toBe('Bàn 1');
  });

  it('checks a walk-in phone like an imported one, and stores it normalised', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const walkIn = (phone: string): AdmitFact => {
      const id = uuidv7();
      return {
        id, eventId: 1, kind: 'admit', personKey: `w:${id}`, unitId: 4, category: 'Người hiến máu', checkpoint: 'arrived', method: 'walk-in',
        deviceId: desk.deviceId, deskId: 'ban-1', deviceTime: T0, clockOffsetMs: 0,
        walkIn: { name: 'Khách\u202E Mới', unitId: 4, category: 'Người hiến máu', phone },
      };
    };
    const bad = walkIn('12ab');
    // Refused on its own (the push answers per fact), in words, and never stored.
    const refused = await pushRaw(fx.fetcher, desk.auth, 1, [bad]);
    expect(refused.status).toBe(200);
    expect(PushResponse.parse(await refused.json()).refused?.map((r) => [r.id, r.reason])).toEqual([[bad.id, 'malformed']]);
    expect(fx.temp.store.factsOf(1).facts.some((f) => f.id === bad.id)).toBe(false);
    const good = walkIn('+84 912 345 678');
    expect((await pushRaw(fx.fetcher, desk.auth, 1, [good])).status).toBe(200);
    const stored = fx.temp.store.factsOf(1).facts.find((f) => f.id === good.id);
    expect(stored?.kind === 'admit' ? stored.walkIn : undefined).toEqual({ name: 'Khách Mới', unitId: 4, category: 'Người hiến máu', phone: '0912345678' });
  });
});
