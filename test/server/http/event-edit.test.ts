// Event set-up through the real routes: create an event, edit it, its units and desks. Every
// edit bumps the package version; an edit that would orphan facts is refused and stores nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/sync.ts';
import { admitFact, authHeaders, jsonInit, push } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from './sync-fixture.ts';

let fixture: SyncFixture;
beforeEach(async () => { fixture = await openSyncFixture(); });
afterEach(() => fixture.close());

const call = (method: string, path: string, body?: unknown) =>
  fixture.app.request(path, body === undefined ? { method, headers: authHeaders(fixture.coordinator) } : jsonInit(method, body, fixture.coordinator));
const errorOf = async (response: Response) => ApiError.parse(await response.json()).error;
const pkg = (id: number) => fixture.temp.store.getPackage(id)!;

const DRAFT = {
  name: 'Ngày hội hiến máu — Thái Nguyên', venue: 'Nhà văn hoá thành phố', date: '2025-03-15', opensAt: '07:00',
  arriveBy: '07:30', checkpoints: ['registered', 'arrived', 'donated'], targets: { registered: 300, donated: 250 },
};

describe('event set-up', () => {
  it('creates an event with the default time zone, one desk and a fresh key', async () => {
    const response = await call('POST', '/api/events', { event: DRAFT });
    expect(response.status).toBe(201);
    const { id } = await response.json() as { id: number };
    expect(id).toBe(4);
    const created = pkg(id);
    expect(created.event).toEqual({ id, ...DRAFT, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(created.desks).toEqual([{ id: 'ban-1', name: 'Bàn 1' }]);
    expect(created.units).toEqual([]);
    expect(created.publicKey).not.toBe(pkg(1).publicKey);
    const desk = await fixture.pair({ deskId: 'ban-1' });
    const byDesk = await fixture.app.request('/api/events', jsonInit('POST', { event: DRAFT }, desk.auth));
    expect(byDesk.status).toBe(403);
    expect((await call('POST', '/api/events', { event: { ...DRAFT, timeZone: 'Mars/Olympus' } })).status).toBe(400);
    expect(fixture.temp.store.listEvents()).toHaveLength(4);
  });

  it('edits the event and bumps the version; facts already stored are untouched', async () => {
    const desk = await fixture.pair({ deskId: 'ban-1' });
    const person = pkg(1).participants[0]!;
    await push(fixture.fetcher, desk.auth, 1, [admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: T0 })]);
    const before = pkg(1);
    const response = await call('PUT', '/api/events/1', { ...before.event, id: undefined, opensAt: '06:30', arriveBy: '07:00' });
    expect(response.status).toBe(200);
    expect(pkg(1).version).toBe(before.version + 1);
    expect(pkg(1).event).toMatchObject({ opensAt: '06:30', arriveBy: '07:00', name: before.event.name });
    expect(fixture.temp.store.factsOf(1).facts).toHaveLength(1);
    expect((await call('PUT', '/api/events/1', { ...before.event, opensAt: '25:00' })).status).toBe(400);
    expect(pkg(1).event.opensAt).toBe('06:30');
  });

  it('adds and edits units with quotas per category; a quota that is not a number is refused', async () => {
    const v0 = pkg(2).version;
    const unit = { name: 'Trường THPT Việt Bắc', group: 'Các trường', leaderName: 'Hoàng Thị Lan', leaderPhone: '0912000999',
      quotas: [{ category: 'Giáo viên', quota: 20 }, { category: 'Học sinh', quota: 150 }], slot: { from: '06:30', to: '07:00' } };
    const created = await call('POST', '/api/events/2/units', unit);
    expect(created.status).toBe(201);
    const saved = await created.json() as { id: number };
    expect(saved.id).toBe(15);
    expect(pkg(2).units.at(-1)).toEqual({ id: 15, ...unit });
    const edited = await call('PUT', '/api/events/2/units/15', { ...unit, quotas: [{ category: 'Học sinh', quota: 180 }] });
    expect(edited.status).toBe(200);
    expect(pkg(2).units.at(-1)!.quotas).toEqual([{ category: 'Học sinh', quota: 180 }]);
    expect(pkg(2).version).toBe(v0 + 2);

    const notNumber = await call('PUT', '/api/events/2/units/15', { ...unit, quotas: [{ category: 'Học sinh', quota: 'một trăm' }] });
    expect(notNumber.status).toBe(400);
    expect((await errorOf(notNumber)).en).toMatch(/quotas\.0\.quota/);
    expect((await call('POST', '/api/events/2/units', { ...unit, name: 'công an thành phố' })).status).toBe(409);
    expect((await call('PUT', '/api/events/2/units/99', unit)).status).toBe(404);
    expect(pkg(2).units.at(-1)!.quotas).toEqual([{ category: 'Học sinh', quota: 180 }]);
    expect(pkg(2).version).toBe(v0 + 2);
  });

  it('keeps a unit with one quota and no category; a split quota names every part', async () => {
    const created = await call('POST', '/api/events/2/units', { name: 'Hội Cựu chiến binh thành phố', quotas: [{ category: '', quota: 100 }] });
    expect(created.status).toBe(201);
    const { id } = await created.json() as { id: number };
    expect(pkg(2).units.find((u) => u.id === id)!.quotas).toEqual([{ category: '', quota: 100 }]);
    const unnamedPart = await call('PUT', `/api/events/2/units/${id}`, { name: 'Hội Cựu chiến binh thành phố', quotas: [{ category: 'Hội viên', quota: 80 }, { category: '', quota: 20 }] });
    expect(unnamedPart.status).toBe(400);
    expect(pkg(2).units.find((u) => u.id === id)!.quotas).toEqual([{ category: '', quota: 100 }]);
    // Its people, imported from a file with no category column (or a category the unit does not split by), have none.
    const csv = 'Họ và tên,Đơn vị,Đối tượng,Điện thoại\nTrần Văn Bình,Hội Cựu chiến binh thành phố,Đại biểu,0912345670\n';
    const imported = await fixture.app.request(`/api/events/2/roster-import?commit=1&version=${pkg(2).version}`, {
      method: 'POST', headers: { cookie: fixture.coordinator.cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'text/csv' }, body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(pkg(2).participants.find((p) => p.name === 'Trần Văn Bình')).toMatchObject({ unitId: id, category: '' });
  });

  it('archives an event (kept whole, hidden from lists) for a coordinator only, and brings it back', async () => {
    const before = pkg(2);
    expect((await call('PUT', '/api/events/2/archive', { archived: true })).status).toBe(200);
    expect(fixture.temp.store.listEvents().find((e) => e.id === 2)).toMatchObject({ id: 2, archived: true });
    expect(fixture.temp.store.listEvents().find((e) => e.id === 1)?.archived).toBeUndefined();
    // Nothing of the event is touched: its package, roster and version stay as they were.
    expect(pkg(2)).toEqual(before);
    const desk = await fixture.pair({ deskId: 'ban-1' });
    expect((await fixture.app.request('/api/events/2/archive', jsonInit('PUT', { archived: false }, desk.auth))).status).toBe(403);
    expect((await call('PUT', '/api/events/2/archive', { archived: 'yes' })).status).toBe(400);
    expect((await call('PUT', '/api/events/2/archive', { archived: false })).status).toBe(200);
    expect(fixture.temp.store.listEvents().find((e) => e.id === 2)?.archived).toBeUndefined();
  });

  it('refuses a slot that ends before it starts, in words, and stores nothing', async () => {
    const before = pkg(1);
    const unit = before.units[0]!;
    const inverted = await call('PUT', `/api/events/1/units/${unit.id}`, { ...unit, id: undefined, slot: { from: '10:00', to: '08:30' } });
    expect(inverted.status).toBe(400);
    const error = await errorOf(inverted);
    expect(error.code).toBe('slotInverted');
    expect(error.vi).toContain('Khung giờ kết thúc');
    expect(pkg(1).units[0]).toEqual(unit);
    expect(pkg(1).version).toBe(before.version);
    expect((await call('POST', '/api/events/1/units', { name: 'Đơn vị mới', quotas: [{ category: 'Người hiến máu', quota: 5 }], slot: { from: '09:00', to: '09:00' } })).status).toBe(400);
    expect(pkg(1).units).toHaveLength(before.units.length);
  });

  it('refuses to delete a unit with check-ins or people, with the reason; deletes an empty one', async () => {
    const desk = await fixture.pair({ deskId: 'ban-1' });
    const person = pkg(1).participants.find((p) => p.unitId === 2)!;
    await push(fixture.fetcher, desk.auth, 1, [admitFact(desk, { personKey: String(person.no), unitId: 2, category: person.category, deviceTime: T0 })]);
    const v0 = pkg(1).version;
    const withFacts = await call('DELETE', '/api/events/1/units/2');
    expect(withFacts.status).toBe(409);
    expect(await errorOf(withFacts)).toMatchObject({ code: 'unitHasCheckins', vi: expect.stringContaining('đã có người điểm danh') });
    expect((await errorOf(await call('DELETE', '/api/events/1/units/3'))).code).toBe('unitHasPeople');
    expect(pkg(1).units.map((u) => u.id)).toContain(2);
    expect(pkg(1).version).toBe(v0);

    const empty = await (await call('POST', '/api/events/1/units', { name: 'Đơn vị tạm', quotas: [{ category: 'Người hiến máu', quota: 5 }] })).json() as { id: number };
    expect((await call('DELETE', `/api/events/1/units/${empty.id}`)).status).toBe(204);
    expect(pkg(1).units.map((u) => u.id)).not.toContain(empty.id);
    expect(pkg(1).version).toBe(v0 + 2);
  });

  it('replaces the desks, but never drops one a device is paired with', async () => {
    await fixture.pair({ deskId: 'ban-2' });
    const v0 = pkg(1).version;
    const dropping = await call('PUT', '/api/events/1/desks', [{ id: 'ban-1', name: 'Bàn 1' }]);
    expect(dropping.status).toBe(409);
    expect((await errorOf(dropping)).en).toContain('ban-2');
    const renamed = [{ id: 'ban-2', name: 'Bàn đón khách' }, { id: 'ban-1', name: 'Bàn 1' }, { id: 'ban-5', name: 'Bàn 5' }];
    expect((await call('PUT', '/api/events/1/desks', renamed)).status).toBe(200);
    expect(pkg(1).desks).toEqual(renamed);
    expect(pkg(1).version).toBe(v0 + 1);
    expect((await call('PUT', '/api/events/1/desks', [...renamed, { id: 'ban-1', name: 'lặp' }])).status).toBe(400);
  });
});
