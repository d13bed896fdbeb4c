// Re-issuing a lost code end to end: the coordinator re-issues, the desk's next package refresh
// brings the void, and the old badge then reads `voided` while the new number is admitted.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/db/db.ts';
import { recordScan, type Recorder } from '../../src/db/record.ts';
import { indexRoster } from '../../src/domain/roster.ts';
import { refreshPackage, type PackageSource } from '../../src/sync/package-download.ts';
import { openSyncFixture, type SyncFixture } from '../server/http/sync-fixture.ts';
import { decodeSvgQrs } from '../support/qr-svg.ts';
import { authHeaders } from '../support/sync-session.ts';
import { parseToken } from '../../src/domain/token.ts';

let fixture: SyncFixture;
let db: DeskDb;
let source: PackageSource;
beforeEach(async () => {
  fixture = await openSyncFixture();
  db = new DeskDb(`reissue-${Math.random()}`);
  const { token } = await fixture.pair({ deskId: 'ban-1' });
  const appFetch = (async (input: RequestInfo | URL, init?: RequestInit) => fixture.app.request(String(input), init)) as typeof fetch;
  source = { db, eventId: 1, token, fetch: appFetch };
});
afterEach(async () => { fixture.close(); await db.delete(); });

const coordinator = () => authHeaders(fixture.coordinator);

describe('re-issuing a lost code', () => {
  it('voids the old badge at the desk after its next sync and admits the new number', async () => {
    const before = (await refreshPackage(source))!;
    const lost = before.participants.find((p) => p.name === 'Đặng Thị Đào')!;
    const response = await fixture.app.request(`/api/events/1/participants/${lost.no}/reissue`, { method: 'POST', headers: coordinator() });
    expect(response.status).toBe(200);
    const { oldNo, no, version } = await response.json() as { oldNo: number; no: number; version: number };
    expect(oldNo).toBe(lost.no);
    expect(version).toBe(before.version + 1);

    // The server's roster: same person under the new number, old number voided.
    const server = fixture.temp.store.getPackage(1)!;
    expect(server.revokedCodes).toContain(lost.no);
    expect(server.participants.find((p) => p.no === no)).toEqual({ ...lost, no });

    const after = (await refreshPackage(source))!;
    expect(after.version).toBe(version);
    const rec: Recorder = { db, eventId: 1, deviceId: 'd', deskId: 'ban-1', checkpoint: 'arrived', clockOffsetMs: 0 };
    const roster = indexRoster(after);
    const scan = (codeNo: number, now: number) => recordScan(rec, { reading: { kind: 'signed', codeNo }, roster, event: after.event, method: 'scan', now });
    const old = await scan(lost.no, 1);
    expect(old.verdict.kind).toBe('voided');
    const fresh = await scan(no, 2);
    expect(fresh.verdict.kind).toBe('admitted');
    expect(await db.facts.count()).toBe(1);
  });

  it('prints the new badge with a QR of the new number, and refuses a second re-issue of the old one', async () => {
    const response = await fixture.app.request('/api/events/1/participants/5/reissue', { method: 'POST', headers: coordinator() });
    const { no } = await response.json() as { no: number };
    const badge = await (await fixture.app.request(`/api/events/1/participants/${no}/badge`, { headers: coordinator() })).text();
    const [text] = await decodeSvgQrs(badge);
    expect(parseToken(text ?? '')?.codeNo).toBe(no);
    const png = await fixture.app.request(`/api/events/1/participants/${no}/qr.png`, { headers: coordinator() });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);

    const again = await fixture.app.request('/api/events/1/participants/5/reissue', { method: 'POST', headers: coordinator() });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('alreadyReissued');
    const desk = await fixture.pair({ deskId: 'ban-2' });
    const byDesk = await fixture.app.request('/api/events/1/participants/6/reissue', { method: 'POST', headers: { authorization: `Bearer ${desk.token}` } });
    expect(byDesk.status).toBe(403);
    expect(fixture.temp.store.getPackage(1)!.revokedCodes).toEqual([5]);
  });
});
