// The desk session on a real (fake-indexeddb) database with both clocks injected: what the
// volunteer sees for each scan, and what is stored for it (facts, outbox rows, refused scans).
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskDb, type StoredPackage } from '../../../src/db/db.ts';
import { rejectionsOf } from '../../../src/db/desk-data.ts';
import { factsOfEvent, pendingCount } from '../../../src/db/record.ts';
import { createDeskSession, REPEAT_WINDOW_MS, type DeskSession } from '../../../src/ui/desk/desk-session.ts';
import { toBase64Url } from '../../../src/domain/token.ts';
import { makeEventKeys, mintCode, webCryptoVerifier } from '../../support/codes.ts';

const EVENT_ID = 2024071;
const keys = makeEventKeys();
/** 09:00 on the event day in Bắc Kạn (UTC+7): inside the youth union's 08:30–10:00 slot. */
const NINE = Date.UTC(2024, 6, 10, 2, 0);
const MINUTE = 60_000;

const an = { no: 1, name: 'Nguyễn Văn An', phone: '0912 345 678', unitId: 1, category: 'đoàn viên' };
const dao = { no: 2, name: 'Đặng Thị Đào', phone: '0915 222 333', unitId: 2, category: 'cán bộ' };
const PKG: StoredPackage = {
  eventId: EVENT_ID, downloadedAt: 0, version: 1, publicKey: toBase64Url(keys.publicKeyRaw),
  event: {
    id: EVENT_ID, name: 'Hành trình đỏ 2024', venue: 'Nhà văn hoá thanh niên', date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh',
    opensAt: '07:00', checkpoints: ['arrived'], targets: {},
  },
  units: [
    { id: 1, name: 'Đoàn Thanh niên thành phố', quotas: [{ category: 'đoàn viên', quota: 110 }], slot: { from: '08:30', to: '10:00' } },
    { id: 2, name: 'Công an thành phố', quotas: [{ category: 'cán bộ', quota: 60 }] },
  ],
  desks: [{ id: 'ban-1', name: 'Bàn 1' }, { id: 'ban-2', name: 'Bàn 2' }],
  participants: [an, dao],
  revokedCodes: [9],
};

let db: DeskDb;
let session: DeskSession;
/** The wall clock (device time) and the monotonic clock, moved by hand. */
let wall: number;
let mono: number;
let kicks: number;

beforeEach(async () => {
  db = new DeskDb(`session-${Math.random()}`);
  await db.open();
  wall = NINE;
  mono = 1_000;
  kicks = 0;
  session = createDeskSession({
    db, pkg: PKG, setup: { eventId: EVENT_ID, deskId: 'ban-1', checkpoint: 'arrived' }, deviceId: 'tablet-01',
    verify: webCryptoVerifier(keys.publicKeyRaw), now: () => wall, monotonic: () => mono,
  });
  session.attachSync(() => { kicks++; });
  await session.reload();
});
afterEach(async () => { await db.delete(); });

const scan = (text: string) => session.scan(text, { source: 'camera' });
/** Waits for the work done after paint (recent list, local log, scan log, sync kick). */
const painted = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a desk session', () => {
  it('admits a rostered code once, writing the fact and its outbox row before the verdict', async () => {
    const outcome = await scan(mintCode(keys, EVENT_ID, an.no));
    expect(outcome).toMatchObject({ verdict: 'admitted', person: an, unit: { id: 1 }, punctuality: 'on-time', at: NINE, source: 'camera' });
    expect(session.current.value).toBe(outcome);
    const facts = await factsOfEvent(db, EVENT_ID);
    expect(facts).toEqual([outcome!.fact]);
    expect(facts[0]).toMatchObject({ kind: 'admit', personKey: '1', unitId: 1, method: 'scan', deskId: 'ban-1', deviceId: 'tablet-01', deviceTime: NINE });
    expect(await db.outbox.get(facts[0]!.id)).toMatchObject({ eventId: EVENT_ID });
    await painted();
    expect(session.recent.value).toEqual([outcome]);
    expect(session.facts.value).toEqual(facts);
    expect(kicks).toBe(1);
    expect(await rejectionsOf(db, EVENT_ID)).toEqual([]);
  });

  it('ignores the same code read again within 3 s, and says already after that', async () => {
    const code = mintCode(keys, EVENT_ID, an.no);
    const first = await scan(code);
    mono += REPEAT_WINDOW_MS - 1;
    wall += 2_999;
    expect(await scan(code)).toBeUndefined();
    expect(session.current.value).toBe(first);
    mono += 1;
    wall += 1;
    const again = await scan(code);
    expect(again).toMatchObject({ verdict: 'already', person: an, first: { at: NINE, deskId: 'ban-1' } });
    expect(again?.fact).toBeUndefined();
    expect(await factsOfEvent(db, EVENT_ID)).toHaveLength(1);
    expect(await pendingCount(db, EVENT_ID)).toBe(1);
    await painted();
    expect(await rejectionsOf(db, EVENT_ID)).toMatchObject([{ reason: 'already', codeNo: an.no, deviceTime: NINE + 3_000, deskId: 'ban-1' }]);
    expect(kicks).toBe(1);
  });

  it('keeps the repeat window on the monotonic clock: a wall clock set back does not silence a scan', async () => {
    const code = mintCode(keys, EVENT_ID, an.no);
    await scan(code);
    wall -= 60 * MINUTE;
    mono += 500;
    expect(await scan(code)).toBeUndefined();
    mono += REPEAT_WINDOW_MS;
    expect(await scan(code)).toMatchObject({ verdict: 'already' });
  });

  it('does not hold a different code back within the window', async () => {
    await scan(mintCode(keys, EVENT_ID, an.no));
    mono += 10;
    expect(await scan(mintCode(keys, EVENT_ID, dao.no))).toMatchObject({ verdict: 'admitted', person: dao, punctuality: 'no-deadline' });
    expect((await factsOfEvent(db, EVENT_ID)).map((f) => f.personKey)).toEqual(['1', '2']);
  });

  it('refuses forged, foreign and non-codes without a fact, noting each in the scan log', async () => {
    const forged = mintCode(makeEventKeys(), EVENT_ID, an.no);
    expect(await scan(forged)).toMatchObject({ verdict: 'forged' });
    expect(await scan(mintCode(keys, 777, an.no))).toMatchObject({ verdict: 'wrong-event' });
    expect(await scan('https://hienmau.vn/dang-ky')).toMatchObject({ verdict: 'not-a-code' });
    expect(await factsOfEvent(db, EVENT_ID)).toEqual([]);
    expect(await pendingCount(db, EVENT_ID)).toBe(0);
    await painted();
    expect(await rejectionsOf(db, EVENT_ID)).toMatchObject([
      { reason: 'forged', text: forged.slice(0, 80) }, { reason: 'wrong-event', otherEventId: 777 }, { reason: 'not-a-code', text: 'https://hienmau.vn/dang-ky' },
    ]);
    expect(kicks).toBe(0);
  });

  it('says voided for a re-issued code and unknown for a signed code off the roster', async () => {
    expect(await scan(mintCode(keys, EVENT_ID, 9))).toMatchObject({ verdict: 'voided' });
    const stranger = await scan(mintCode(keys, EVENT_ID, 555));
    expect(stranger).toMatchObject({ verdict: 'unknown' });
    expect(stranger?.person).toBeUndefined();
    const facts = await factsOfEvent(db, EVENT_ID);
    expect(facts).toEqual([stranger!.fact]);
    expect(facts[0]).toMatchObject({ personKey: '555', unitId: 0, category: '', unknown: true });
    await painted();
    expect(await rejectionsOf(db, EVENT_ID)).toMatchObject([{ reason: 'voided', codeNo: 9 }]);
  });

  it('admits by name lookup and by walk-in, judged on the server clock once sync measured it', async () => {
    session.applySyncStatus({ state: 'idle', pending: 0, clockOffsetMs: 75 * MINUTE }); // the device runs 75 min slow
    const looked = await session.admitPerson(an);
    expect(looked).toMatchObject({ verdict: 'admitted', person: an, punctuality: 'late' });
    expect(looked?.source).toBeUndefined();
    expect(looked?.fact).toMatchObject({ method: 'lookup', clockOffsetMs: 75 * MINUTE });
    const walkIn = await session.admitWalkIn({ name: 'Lê Thị Hoa', unitId: 1, category: 'đoàn viên' });
    expect(walkIn).toMatchObject({ verdict: 'admitted', person: { no: 0, name: 'Lê Thị Hoa' }, unit: { id: 1 }, punctuality: 'late' });
    expect(walkIn?.fact).toMatchObject({ method: 'walk-in', walkIn: { name: 'Lê Thị Hoa' } });
    expect(await pendingCount(db, EVENT_ID)).toBe(2);
  });

  it('undoes an admission with a void fact, shows it voided, and then admits the person again', async () => {
    const code = mintCode(keys, EVENT_ID, an.no);
    const admitted = (await scan(code))!;
    await painted();
    await session.undo(admitted);
    expect(session.current.value).toMatchObject({ seq: admitted.seq, verdict: 'voided' });
    expect(session.voidedIds.value.has(admitted.fact!.id)).toBe(true);
    const facts = await factsOfEvent(db, EVENT_ID);
    expect(facts.map((f) => f.kind)).toEqual(['admit', 'void']);
    expect(await pendingCount(db, EVENT_ID)).toBe(2);
    mono += REPEAT_WINDOW_MS;
    expect(await scan(code)).toMatchObject({ verdict: 'admitted' });
  });

  it('shows a failed write instead of a verdict, and stores nothing half-way', async () => {
    const full = vi.spyOn(db.outbox, 'add').mockImplementation(() => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    });
    expect(await scan(mintCode(keys, EVENT_ID, an.no))).toBeUndefined();
    full.mockRestore();
    expect(session.storageError.value?.vi).toContain('đầy');
    expect(session.current.value).toBeUndefined();
    expect(await factsOfEvent(db, EVENT_ID)).toEqual([]);
    expect(session.busy.value).toBe(false);
  });
});
