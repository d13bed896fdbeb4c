// Self-registration through the real routes: closed until the coordinator opens it, one
// registration per phone, a capped unit says it is full, the closing time holds, and each
// registration is a roster entry plus a `registered` fact the tally counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/domain/token.ts';
import { tallyByUnit } from '../../../src/domain/tally.ts';
import { RegistrationResponse } from '../../../src/shared/event-setup.ts';
import { ApiError } from '../../../src/shared/sync.ts';
import { jsonInit } from '../../support/sync-session.ts';
import { decodeSvgQrs } from '../../support/qr-svg.ts';
import { openSyncFixture, T0, type SyncFixture } from './sync-fixture.ts';
import { verifiesWith } from '../store/temp-store.ts';

let fixture: SyncFixture;
let unitId: number;
beforeEach(async () => {
  fixture = await openSyncFixture();
  unitId = fixture.temp.store.saveUnit(3, { name: 'Chi đoàn Khoa Y', quotas: [{ category: 'Sinh viên', quota: 2 }, { category: 'Giảng viên', quota: 1 }] })!.id;
});
afterEach(() => fixture.close());

const register = (body: object) => fixture.app.request('/api/events/3/registrations', jsonInit('POST', { unitId, category: 'Sinh viên', ...body }));
const codeOf = async (response: Response) => (ApiError.parse(await response.json())).error.code;
const open = (settings: object = {}) =>
  fixture.app.request('/api/events/3/registration', jsonInit('PUT', { open: true, caps: {}, ...settings }, fixture.coordinator));

describe('self-registration', () => {
  it('is closed until the coordinator opens it', async () => {
    expect(await (await fixture.app.request('/r/3')).text()).toContain('data-state="not-open"');
    const response = await register({ name: 'Lê Văn Tâm', phone: '0939000001' });
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('registrationNotOpen');
    expect(fixture.temp.store.getPackage(3)!.participants.some((p) => p.name === 'Lê Văn Tâm')).toBe(false);
  });

  it('gives a signed code, stores the person and a registered fact; one registration per phone', async () => {
    expect((await open()).status).toBe(200);
    const page = await (await fixture.app.request('/r/3')).text();
    expect(page).toContain('Chi đoàn Khoa Y');
    const v0 = fixture.temp.store.packageVersion(3)!;
    const response = await register({ name: '  Lê   Văn Tâm ', phone: '0939 000 001', category: 'sinh viên' });
    expect(response.status).toBe(201);
    const answer = RegistrationResponse.parse(await response.json());
    expect(answer).toMatchObject({ name: 'Lê Văn Tâm', unitName: 'Chi đoàn Khoa Y', category: 'Sinh viên' });
    expect(answer.qrPng).toMatch(/^data:image\/png;base64,/);
    const token = parseToken(answer.code)!;
    const pkg = fixture.temp.store.getPackage(3)!;
    expect(token.codeNo).toBe(answer.no);
    expect(verifiesWith(pkg.publicKey, token.signed, token.signature)).toBe(true);
    expect(pkg.participants.find((p) => p.no === answer.no)).toEqual({ no: answer.no, name: 'Lê Văn Tâm', phone: '0939000001', unitId, category: 'Sinh viên' });
    expect(pkg.version).toBe(v0 + 1);
    const facts = fixture.temp.store.factsOf(3).facts;
    expect(facts).toMatchObject([{ personKey: String(answer.no), unitId, checkpoint: 'registered', kind: 'admit' }]);
    expect(tallyByUnit(facts, pkg.units, { checkpoint: 'registered' }).get(unitId)?.count).toBe(1);

    const again = await register({ name: 'Lê Văn Tâm', phone: '+84 939 000 001' });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('phoneRegistered');
    // A phone already on the imported roster counts too.
    const rostered = pkg.participants[0]!;
    expect(await codeOf(await register({ name: 'Ai Đó', phone: rostered.phone }))).toBe('phoneRegistered');
    expect(fixture.temp.store.factsOf(3).facts).toHaveLength(1);
  });

  it('says a capped unit is full, and closes at the configured time', async () => {
    await open({ caps: { [unitId]: 2 }, closesAt: T0 + 3_600_000 });
    expect((await register({ name: 'Người Một', phone: '0939000011' })).status).toBe(201);
    expect((await register({ name: 'Người Hai', phone: '0939000012', category: 'Giảng viên' })).status).toBe(201);
    const full = await register({ name: 'Người Ba', phone: '0939000013' });
    expect(full.status).toBe(409);
    expect(ApiError.parse(await full.json()).error.vi).toContain('đã đủ số lượng');
    await open({ closesAt: T0 + 3_600_000 });
    fixture.clock.now = T0 + 3_600_000;
    const late = await register({ name: 'Người Ba', phone: '0939000013' });
    expect(await codeOf(late)).toBe('registrationClosed');
    expect(await (await fixture.app.request('/r/3')).text()).toContain('data-state="closed"');
    expect(fixture.temp.store.getPackage(3)!.participants.filter((p) => p.unitId === unitId).map((p) => p.name)).toEqual(['Người Một', 'Người Hai']);
  });

  it('limits registrations per address', async () => {
    await open();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await register({ name: `Người ${i}`, phone: `09390001${String(i).padStart(2, '0')}` })).status);
    expect(answers.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it('prints a poster whose QR opens the registration page', async () => {
    const html = await (await fixture.app.request('http://localhost:8080/r/3/poster')).text();
    expect(html).toContain('http://localhost:8080/r/3');
    expect(await decodeSvgQrs(html)).toEqual(['http://localhost:8080/r/3']);
  });
});
