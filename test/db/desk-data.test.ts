// The desk's data around the scan: a desk file merged into another desk's log (twice, or into a
// desk holding some of the facts already), and the wipe that waits for the server.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/db/db.ts';
import { factsOfEvent, pendingCount, type Recorder } from '../../src/db/record.ts';
import { recordSigned } from '../support/signed-scan.ts';
import { importFacts, recordRejection, rejectionsOf, wipeEvent } from '../../src/db/desk-data.ts';
import { pairingKey, putSetting, getSetting } from '../../src/db/settings.ts';
import { readDeskFile, writeDeskFile } from '../../src/domain/desk-file.ts';
import type { Fact, Participant } from '../../src/shared/schemas.ts';

const an: Participant = { no: 1, name: 'Nguyễn Văn An', phone: '0912 345 678', unitId: 1, category: 'Người hiến máu' };
const dao: Participant = { no: 2, name: 'Đặng Thị Đào', phone: '0987 654 321', unitId: 2, category: 'Người hiến máu' };
const binh: Participant = { no: 3, name: 'Lý Văn Bình', phone: '', unitId: 2, category: 'Người hiến máu' };
/** 10/07/2024 08:00 in Hà Nội: facts in a desk file carry a real device time (the schema bounds it). */
const T = Date.UTC(2024, 6, 10, 1, 0);

let dbA: DeskDb;
let dbB: DeskDb;
let recA: Recorder;
let recB: Recorder;
beforeEach(async () => {
  dbA = new DeskDb(`a-${Math.random()}`);
  dbB = new DeskDb(`b-${Math.random()}`);
  recA = { db: dbA, eventId: 1, deviceId: 'device-a', deskId: 'ban-1', checkpoint: 'arrived', clockOffsetMs: 0 };
  recB = { db: dbB, eventId: 1, deviceId: 'device-b', deskId: 'ban-2', checkpoint: 'arrived', clockOffsetMs: 0 };
});
afterEach(async () => { await dbA.delete(); await dbB.delete(); });

/** Desk A's file as desk B would receive it, read and checked. */
async function fileOfA(): Promise<Fact[]> {
  const text = writeDeskFile({ eventId: 1, deviceId: 'device-a', deskId: 'ban-1', exportedAt: 99, facts: await factsOfEvent(dbA, 1) });
  const reading = readDeskFile(text, { eventId: 1 });
  if (!reading.ok) throw new Error(reading.en);
  return reading.file.facts;
}

describe('importing a desk file', () => {
  it('merges the facts like a pull: the person reads "already" on the other desk, nothing queued to send', async () => {
    await recordSigned(recA, { codeNo: 1, person: an, revoked: false, method: 'scan', now: T + 1_000 });
    await recordSigned(recA, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: T + 2_000 });
    const facts = await fileOfA();
    expect(await importFacts(dbB, facts)).toEqual({ added: 2, alreadyHeld: 0 });
    expect((await factsOfEvent(dbB, 1)).map((f) => f.id).sort()).toEqual(facts.map((f) => f.id).sort());
    expect(await pendingCount(dbB, 1)).toBe(0);
    const again = await recordSigned(recB, { codeNo: 1, person: an, revoked: false, method: 'scan', now: T + 3_000 });
    expect(again.verdict.kind).toBe('already');
  });

  it('importing the same file twice changes nothing', async () => {
    await recordSigned(recA, { codeNo: 1, person: an, revoked: false, method: 'scan', now: T + 1_000 });
    const facts = await fileOfA();
    await importFacts(dbB, facts);
    const before = await factsOfEvent(dbB, 1);
    expect(await importFacts(dbB, facts)).toEqual({ added: 0, alreadyHeld: 1 });
    expect(await factsOfEvent(dbB, 1)).toEqual(before);
  });

  it('into a desk that already holds some of the facts: adds only the missing ones and keeps its own untouched', async () => {
    await recordSigned(recA, { codeNo: 1, person: an, revoked: false, method: 'scan', now: T + 1_000 });
    await importFacts(dbB, await fileOfA());
    await recordSigned(recA, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: T + 2_000 });
    await recordSigned(recB, { codeNo: 3, person: binh, revoked: false, method: 'scan', now: T + 2_500 });
    const ownB = (await factsOfEvent(dbB, 1)).find((f) => f.deviceId === 'device-b')!;
    expect(await importFacts(dbB, await fileOfA())).toEqual({ added: 1, alreadyHeld: 1 });
    const merged = await factsOfEvent(dbB, 1);
    expect(merged.map((f) => f.personKey).sort()).toEqual(['1', '2', '3']);
    expect(merged.find((f) => f.id === ownB.id)).toEqual(ownB);
    expect(await pendingCount(dbB, 1)).toBe(1); // B's own fact still waits for the server
  });
});

describe('refused scans', () => {
  it('are kept in their own table, never as facts or outbox rows', async () => {
    await recordRejection(recA, { reason: 'not-a-code', now: 5, text: 'x'.repeat(500) });
    await recordRejection(recA, { reason: 'wrong-event', now: 6, otherEventId: 3 });
    const rows = await rejectionsOf(dbA, 1);
    expect(rows.map((r) => r.reason)).toEqual(['not-a-code', 'wrong-event']);
    expect(rows[0]!.text).toHaveLength(80);
    expect(await factsOfEvent(dbA, 1)).toEqual([]);
    expect(await pendingCount(dbA, 1)).toBe(0);
  });
});

describe('wiping an event', () => {
  async function install(db: DeskDb, eventId: number) {
    await db.packages.put({ eventId, downloadedAt: 1, participants: [an, dao] } as never);
    await putSetting(db, pairingKey(eventId), { token: 't', deviceId: 'device-a', deskId: 'ban-1', eventId });
    await putSetting(db, 'deskSetup', { eventId, deskId: 'ban-1', checkpoint: 'arrived' });
  }

  it('refuses while facts wait for the server, says how many, and deletes nothing', async () => {
    await install(dbA, 1);
    await recordSigned(recA, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1 });
    await recordSigned(recA, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: 2 });
    expect(await wipeEvent(dbA, 1)).toEqual({ wiped: false, pending: 2 });
    expect(await factsOfEvent(dbA, 1)).toHaveLength(2);
    expect(await dbA.packages.get(1)).toBeDefined();
    expect(await getSetting(dbA, pairingKey(1))).toBeDefined();
  });

  it('once the server acknowledged everything, deletes the roster, facts, refused scans and pairing of that event only', async () => {
    await install(dbA, 1);
    await install(dbA, 2);
    await recordSigned(recA, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1 });
    await recordSigned({ ...recA, eventId: 2 }, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1 });
    await recordRejection(recA, { reason: 'forged', now: 2 });
    await dbA.outbox.where('eventId').equals(1).delete(); // the server's acknowledgement
    expect(await wipeEvent(dbA, 1)).toEqual({ wiped: true, facts: 1, participants: 2 });
    expect(await factsOfEvent(dbA, 1)).toEqual([]);
    expect(await rejectionsOf(dbA, 1)).toEqual([]);
    expect(await dbA.packages.get(1)).toBeUndefined();
    expect(await getSetting(dbA, pairingKey(1))).toBeUndefined();
    // Event 2 is untouched (its fact is still unsent anyway).
    expect(await factsOfEvent(dbA, 2)).toHaveLength(1);
    expect(await dbA.packages.get(2)).toBeDefined();
    expect(await getSetting(dbA, 'deskSetup')).toMatchObject({ eventId: 2 });
  });
});
