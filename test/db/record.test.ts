import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskDb, StorageError } from '../../src/db/db.ts';
import { factsOfEvent, pendingCount, recordVoid, recordWalkIn, type Recorder } from '../../src/db/record.ts';
import { recordSigned } from '../support/signed-scan.ts';
import type { Participant } from '../../src/shared/schemas.ts';

const an: Participant = { no: 1, name: 'Nguyễn Văn An', phone: '0912 345 678', unitId: 1, category: 'Người hiến máu' };
const dao: Participant = { no: 2, name: 'Đặng Thị Đào', phone: '0987 654 321', unitId: 2, category: 'Người hiến máu' };

let db: DeskDb;
let rec: Recorder;
beforeEach(async () => {
  db = new DeskDb(`test-${Math.random()}`);
  await db.open();
  rec = { db, eventId: 1, deviceId: 'device-a', deskId: 'ban-1', checkpoint: 'arrived', clockOffsetMs: 0 };
});
afterEach(async () => { await db.delete(); });

describe('recordScan of a signed code', () => {
  it('writes the fact and its outbox row together, then says already on a second scan', async () => {
    const first = await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1_000 });
    expect(first.verdict.kind).toBe('admitted');
    const facts = await factsOfEvent(db, 1);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ personKey: '1', unitId: 1, kind: 'admit', deskId: 'ban-1', deviceTime: 1_000 });
    expect(await db.outbox.get(facts[0]!.id)).toMatchObject({ eventId: 1 });

    const second = await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 2_000 });
    expect(second.verdict.kind).toBe('already');
    if (second.verdict.kind === 'already') expect(second.verdict.first.id).toBe(facts[0]!.id);
    expect(await factsOfEvent(db, 1)).toHaveLength(1);
    expect(await pendingCount(db, 1)).toBe(1);
  });

  it('admits two different people and keeps one outbox row each', async () => {
    await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1 });
    await recordSigned(rec, { codeNo: 2, person: dao, revoked: false, method: 'lookup', now: 2 });
    expect(await pendingCount(db, 1)).toBe(2);
    expect((await factsOfEvent(db, 1)).map((f) => f.method)).toEqual(['scan', 'lookup']);
  });

  it('never admits the same person twice when two scans race', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((i) =>
      recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: i })));
    expect(results.filter((r) => r.verdict.kind === 'admitted')).toHaveLength(1);
    expect(await factsOfEvent(db, 1)).toHaveLength(1);
  });

  it('flags a signed code missing from the roster and files it under unit 0', async () => {
    const r = await recordSigned(rec, { codeNo: 999, person: undefined, revoked: false, method: 'scan', now: 5 });
    expect(r.verdict.kind).toBe('unknown');
    const [fact] = await factsOfEvent(db, 1);
    expect(fact).toMatchObject({ personKey: '999', unitId: 0, unknown: true });
  });

  it('writes nothing for a revoked code', async () => {
    const r = await recordSigned(rec, { codeNo: 1, person: an, revoked: true, method: 'scan', now: 5 });
    expect(r.verdict.kind).toBe('voided');
    expect(await factsOfEvent(db, 1)).toHaveLength(0);
    expect(await pendingCount(db, 1)).toBe(0);
  });

  it('leaves nothing half-written when the outbox write fails', async () => {
    await recordSigned(rec, { codeNo: 2, person: dao, revoked: false, method: 'scan', now: 1 });
    const full = vi.spyOn(db.outbox, 'add').mockImplementation(() => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    });
    const failure = recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 2 });
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    await expect(failure).rejects.toMatchObject({ vi: expect.stringContaining('đầy') });
    full.mockRestore();
    const facts = await factsOfEvent(db, 1);
    expect(facts.map((f) => f.personKey)).toEqual(['2']);
    expect(await pendingCount(db, 1)).toBe(1);
  });
});

describe('undo and walk-ins', () => {
  it('undo writes a void fact; the person can then be admitted again', async () => {
    const first = await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 1 });
    const voidFact = await recordVoid(rec, first.fact!, 2);
    expect(voidFact).toMatchObject({ kind: 'void', voids: first.fact!.id, method: 'undo' });
    await recordVoid(rec, first.fact!, 3); // a double tap voids once
    const facts = await factsOfEvent(db, 1);
    expect(facts.filter((f) => f.kind === 'void')).toHaveLength(1);
    expect(facts.find((f) => f.id === first.fact!.id)).toBeDefined(); // never deleted
    const again = await recordSigned(rec, { codeNo: 1, person: an, revoked: false, method: 'scan', now: 4 });
    expect(again.verdict.kind).toBe('admitted');
    expect(await pendingCount(db, 1)).toBe(3);
  });

  it('a walk-in is admitted with its own person key and flagged', async () => {
    const fact = await recordWalkIn(rec, { name: 'Lê Thị Hoa', unitId: 2, category: 'Người hiến máu' }, 10);
    expect(fact.personKey).toBe(`w:${fact.id}`);
    expect(fact).toMatchObject({ method: 'walk-in', walkIn: { name: 'Lê Thị Hoa' } });
    expect(await db.outbox.get(fact.id)).toBeDefined();
  });
});
