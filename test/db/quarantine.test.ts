// A push answer settled on the desk: acknowledged facts leave the outbox, refused ones move whole
// into the quarantine, and the quarantine travels in the desk file and the desk's own scan log.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/db/db.ts';
import { factsOfEvent, pendingCount, type Recorder } from '../../src/db/record.ts';
import { recordSigned } from '../support/signed-scan.ts';
import { quarantinedCount, quarantinedOf, settlePush } from '../../src/db/quarantine.ts';
import { wipeEvent } from '../../src/db/desk-data.ts';
import { readDeskFile, writeDeskFile } from '../../src/domain/desk-file.ts';
import { scanLogRows } from '../../src/domain/scan-log-rows.ts';
import type { EventInfo, Participant } from '../../src/shared/schemas.ts';

const an: Participant = { no: 1, name: 'Nguyễn Văn An', phone: '', unitId: 1, category: 'Người hiến máu' };
const dao: Participant = { no: 2, name: 'Đặng Thị Đào', phone: '', unitId: 1, category: 'Người hiến máu' };
const event: EventInfo = {
  id: 1, name: 'Ngày hội', venue: 'Sân', date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00', checkpoints: ['arrived'], targets: {},
};
/** The desk's clock on the event's day (a desk file holds only facts of plausible times). */
const T = Date.UTC(2024, 6, 10, 1, 0);
const refusal = { reason: 'unknownDesk', vi: 'Sự kiện không có bàn này.', en: 'The event has no such desk.' };

let db: DeskDb;
let rec: Recorder;
beforeEach(() => {
  db = new DeskDb(`q-${Math.random()}`);
  rec = { db, eventId: 1, deviceId: 'device-a', deskId: 'ban-1', checkpoint: 'arrived', clockOffsetMs: 0 };
});
afterEach(async () => { await db.delete(); });

describe('settling a push answer', () => {
  it('sends the stored, quarantines the refused whole, and ignores refusals of ids it does not queue', async () => {
    const good = (await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: T + 1_000 })).fact!;
    const bad = (await recordSigned(rec, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: T + 2_000 })).fact!;
    const settled = await settlePush(db, 1, { stored: [good.id], refused: [{ id: bad.id, ...refusal }, { id: 'la', ...refusal }] }, { now: 5_000, clockOffsetMs: 0 });
    expect(settled).toEqual({ sent: 1, quarantined: 1 });
    expect(await pendingCount(db, 1)).toBe(0);
    expect((await factsOfEvent(db, 1)).map((f) => f.id)).toEqual([good.id]);
    expect(await quarantinedOf(db, 1)).toEqual([{ factId: bad.id, eventId: 1, fact: bad, ...refusal, refusedAt: 5_000 }]);
    expect(await quarantinedCount(db, 1)).toBe(1);
    // An answer from an older server (no `refused`) sends what it stored and quarantines nothing.
    expect(await settlePush(db, 1, { stored: [] }, { now: 6_000, clockOffsetMs: 0 })).toEqual({ sent: 0, quarantined: 0 });
  });

  it('puts quarantined facts in the desk file and the scan log, with the server’s words', async () => {
    const bad = (await recordSigned(rec, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: T + 2_000 })).fact!;
    await settlePush(db, 1, { stored: [], refused: [{ id: bad.id, ...refusal }] }, { now: 5_000, clockOffsetMs: 0 });
    const quarantined = await quarantinedOf(db, 1);
    const reading = readDeskFile(writeDeskFile({ eventId: 1, deviceId: 'device-a', deskId: 'ban-1', exportedAt: 9, facts: [], quarantined }), { eventId: 1 });
    expect(reading.ok && reading.file.quarantined).toEqual(quarantined);
    const table = scanLogRows({ event, units: [{ id: 1, name: 'Đoàn 1', quotas: [{ category: '', quota: 5 }] }], desks: [{ id: 'ban-1', name: 'Bàn 1' }], participants: [an, dao], facts: [] },
      [], 'vi', { deviceId: 'device-a', quarantined });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toContain('Máy chủ từ chối (giữ lại trên máy)');
    expect(table.rows[0]).toContain(refusal.vi);
    expect(table.rows[0]).toContain(bad.id);
  });

  it('keeps quarantined facts until the event is wiped from the device, which the outbox no longer blocks', async () => {
    const bad = (await recordSigned(rec, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: T + 2_000 })).fact!;
    expect(await wipeEvent(db, 1)).toEqual({ wiped: false, pending: 1 });
    await settlePush(db, 1, { stored: [], refused: [{ id: bad.id, ...refusal }] }, { now: 5_000, clockOffsetMs: 0 });
    expect(await quarantinedCount(db, 1)).toBe(1);
    expect(await wipeEvent(db, 1)).toMatchObject({ wiped: true });
    expect(await quarantinedCount(db, 1)).toBe(0);
  });
});
