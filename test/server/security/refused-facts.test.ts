// Issue 13 item 3: a refused fact must not block a desk's outbox. The real desk sync code (Dexie
// on fake-indexeddb) pushes to the real server in-process. Property: whatever mix of good and
// poisoned facts the desks record, and however pushes interleave or lose their answers, after
// the desks sync every good fact is on the server, and every poisoned one is in its own desk's
// quarantine with the server's reason, out of its log and outbox; nothing is lost either way.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { DeskDb } from '../../../src/db/db.ts';
import { quarantinedOf } from '../../../src/db/quarantine.ts';
import { pushBatch, type SyncTarget } from '../../../src/sync/sync-client.ts';
import { generateEventKeys, privateKeyFromStored, signCode } from '../../../src/server/codes/signing.ts';
import { encodeToken, parseToken } from '../../../src/domain/token.ts';
import type { Fact, Participant, Unit } from '../../../src/shared/schemas.ts';
import type { FactRefusal } from '../../../src/shared/sync.ts';
import { admitFact, pullAll } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

const UNITS: Unit[] = [1, 2].map((id) => ({ id, name: `Đơn vị ${id}`, quotas: [{ category: 'Đoàn viên', quota: 50 }] }));
const PEOPLE: Participant[] = Array.from({ length: 10 }, (_, i) => ({
  no: i + 1, name: `Người ${i + 1}`, phone: '0900000000', unitId: 1 + (i % 2), category: 'Đoàn viên',
}));

/** What a desk records next: a good fact, or one the server must refuse (and for which reason). */
type Kind = 'scan' | 'lookup' | 'wrong-unit' | 'unknownDesk' | 'registeredFromDesk' | 'codeMismatch' | 'badCode' | 'malformed';
const POISON: Partial<Record<Kind, FactRefusal>> = {
  unknownDesk: 'unknownDesk', registeredFromDesk: 'registeredFromDesk', codeMismatch: 'codeMismatch', badCode: 'badCode', malformed: 'malformed',
};
type Step = { kind: 'record'; desk: number; what: Kind; person: number } | { kind: 'sync'; desk: number; lose: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    kind: fc.constant('record' as const), desk: fc.nat(1), person: fc.integer({ min: 1, max: 10 }),
    what: fc.constantFrom<Kind>('scan', 'scan', 'lookup', 'wrong-unit', 'unknownDesk', 'registeredFromDesk', 'codeMismatch', 'badCode', 'malformed'),
  }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), desk: fc.nat(1), lose: fc.boolean() }) },
);

interface SimDesk { paired: PairedDesk; db: DeskDb; target: SyncTarget; lose: { next: boolean }; good: Set<string>; poisoned: Map<string, FactRefusal> }

/** A fetch into the app whose answer can be lost after the server acted on the request. */
function appFetch(fx: SyncFixture, lose: { next: boolean }): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fx.app.request(String(input), init);
    if (lose.next) { lose.next = false; throw new TypeError('connection reset'); }
    return response;
  }) as typeof fetch;
}

function makeFact(desk: SimDesk, what: Kind, no: number, codeOf: (no: number) => string, at: number): Fact {
  const p = PEOPLE.find((x) => x.no === no)!;
  const base = admitFact(desk.paired, { personKey: String(no), unitId: p.unitId, category: p.category, deviceTime: at });
  switch (what) {
    case 'scan': return { ...base, code: codeOf(no) };
    case 'lookup': return { ...base, method: 'lookup' };
    case 'wrong-unit': return { ...base, unitId: p.unitId === 1 ? 2 : 1, code: codeOf(no) };
    case 'unknownDesk': return { ...base, deskId: 'ban-da-xoa' };
    case 'registeredFromDesk': return { ...base, checkpoint: 'registered' };
    case 'codeMismatch': return { ...base, code: codeOf(no === 10 ? 1 : no + 1) };
    case 'badCode': {
      const token = parseToken(codeOf(no))!;
      return { ...base, code: encodeToken(token.signed, Uint8Array.from(token.signature, (b, i) => (i === 5 ? b ^ 0x40 : b))) };
    }
    // An app update that changed the shape: the desk holds it, the server cannot read it.
    case 'malformed': return { ...base, unitId: -1 };
  }
}

async function run(fx: SyncFixture, eventId: number, steps: Step[]): Promise<void> {
  const keys = generateEventKeys();
  await fx.temp.store.createEvent({
    event: { id: eventId, name: `Thử ${eventId}`, venue: 'Sân', date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00', checkpoints: ['registered', 'arrived'], targets: {} },
    units: UNITS, desks: [{ id: 'ban-1', name: 'Bàn 1' }, { id: 'ban-2', name: 'Bàn 2' }], participants: PEOPLE, keys,
  });
  const key = privateKeyFromStored(keys.privateKey);
  const codeOf = (no: number) => signCode(key, eventId, no);
  const desks: SimDesk[] = [];
  for (const deskId of ['ban-1', 'ban-2']) {
    const paired = await fx.pair({ deskId, eventId, deviceId: uuidv7() });
    const db = new DeskDb(`refused-${eventId}-${deskId}`);
    const lose = { next: false };
    desks.push({ paired, db, lose, target: { db, eventId, token: paired.token, fetch: appFetch(fx, lose) }, good: new Set(), poisoned: new Map() });
  }
  const syncAll = async (desk: SimDesk) => {
    for (let round = 0; round < 20; round++) if ((await pushBatch(desk.target)).remaining === 0) return;
  };
  let at = T0;
  for (const step of steps) {
    const desk = desks[step.desk]!;
    if (step.kind === 'sync') {
      desk.lose.next = step.lose;
      await pushBatch(desk.target).catch(() => undefined);
      desk.lose.next = false; // an empty outbox sends nothing to lose
      continue;
    }
    const fact = makeFact(desk, step.what, step.person, codeOf, at += 1000);
    // As db/record.ts writes a scan: the fact and its outbox row together.
    await desk.db.transaction('rw', desk.db.facts, desk.db.outbox, async () => {
      await desk.db.facts.add(fact);
      await desk.db.outbox.add({ factId: fact.id, eventId, queuedAt: fact.deviceTime });
    });
    const poison = POISON[step.what];
    if (poison) desk.poisoned.set(fact.id, poison); else desk.good.add(fact.id);
  }
  for (const desk of desks) await syncAll(desk);

  const server = (await pullAll(fx.fetcher, fx.coordinator, eventId)).facts;
  const good = new Set(desks.flatMap((d) => [...d.good]));
  expect(new Set(server.map((f) => f.id))).toEqual(good);
  // The roster's unit, whatever the desk claimed.
  for (const f of server) expect(f.unitId).toBe(PEOPLE.find((p) => String(p.no) === f.personKey)!.unitId);
  for (const desk of desks) {
    expect(await desk.db.outbox.where('eventId').equals(eventId).count()).toBe(0);
    const quarantined = await quarantinedOf(desk.db, eventId);
    expect(new Map(quarantined.map((q) => [q.factId, q.reason]))).toEqual(desk.poisoned);
    expect(quarantined.every((q) => q.vi.length > 0 && q.en.length > 0 && q.fact.id === q.factId)).toBe(true);
    // Out of the log (the desk counts what the server counts), but kept whole in the quarantine.
    expect(await desk.db.facts.bulkGet([...desk.poisoned.keys()])).toEqual([...desk.poisoned.keys()].map(() => undefined));
    desk.db.close();
  }
}

describe('a refused fact never blocks the outbox', () => {
  let fx: SyncFixture;
  let nextEventId = 200;
  beforeAll(async () => { fx = await openSyncFixture(); });
  afterAll(() => fx.close());

  it('every good fact arrives and every poisoned one is quarantined at its desk, under any interleaving', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(stepArb, { minLength: 1, maxLength: 40 }),
      async (steps) => run(fx, nextEventId++, steps),
    ), { numRuns: 100 });
  }, 180_000);

  it('a batch of only refused facts does not stop the facts recorded after it', async () => {
    const steps: Step[] = [
      ...Array.from({ length: 3 }, () => ({ kind: 'record', desk: 0, what: 'malformed', person: 1 }) as Step),
      { kind: 'sync', desk: 0, lose: false },
      { kind: 'record', desk: 0, what: 'scan', person: 2 },
    ];
    await run(fx, nextEventId++, steps);
  });
});
