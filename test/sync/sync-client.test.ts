// The real desk sync code (Dexie on fake-indexeddb) against the real server in-process:
// both sides' state compared, as Actual's sync tests do.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { DeskDb } from '../../src/db/db.ts';
import { factsOfEvent, pendingCount, type Recorder } from '../../src/db/record.ts';
import { recordSigned } from '../support/signed-scan.ts';
import { clockOffset } from '../../src/db/settings.ts';
import { pullAll, pushBatch, SyncError, type SyncTarget } from '../../src/sync/sync-client.ts';
import { tallyByUnit } from '../../src/domain/tally.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import type { Participant } from '../../src/shared/schemas.ts';
import { openSyncFixture, T0, type SyncFixture } from '../server/http/sync-fixture.ts';
import { authHeaders, jsonInit } from '../support/sync-session.ts';

interface Desk { db: DeskDb; rec: Recorder; target: SyncTarget }

let fixture: SyncFixture;
let people: Participant[];
const desks: DeskDb[] = [];

async function openDesk(deskId: string, fetchImpl?: typeof fetch): Promise<Desk> {
  const deviceId = uuidv7();
  const pairing = await fixture.pair({ deskId, deviceId });
  const db = new DeskDb(`sync-${deskId}-${Math.random()}`);
  desks.push(db);
  const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => fixture.app.request(String(input), init)) as typeof fetch;
  return {
    db,
    rec: { db, eventId: 1, deviceId: pairing.deviceId, deskId, checkpoint: 'arrived', clockOffsetMs: 0 },
    target: { db, eventId: 1, token: pairing.token, fetch: fetchImpl ?? appFetch },
  };
}

const admit = (desk: Desk, person: Participant, now: number) =>
  recordSigned(desk.rec, { codeNo: person.no, person, revoked: false, method: 'scan', now });

async function sync(desk: Desk): Promise<void> {
  let push = await pushBatch(desk.target);
  while (push.remaining > 0) push = await pushBatch(desk.target);
  await pullAll(desk.target);
}

async function serverFacts() {
  const res = await fixture.app.request('/api/events/1/facts?after=0&limit=2000', { headers: authHeaders(fixture.coordinator) });
  return PullResponse.parse(await res.json()).facts;
}

beforeEach(async () => {
  fixture = await openSyncFixture();
  people = fixture.people(1);
});
afterEach(async () => {
  fixture.close();
  await Promise.all(desks.splice(0).map((db) => db.delete()));
});

describe('desk sync against the real server', () => {
  it('two desks admitting the same person offline end with one truth on both sides', async () => {
    const [p, q] = [people[0]!, people[5]!];
    const a = await openDesk('ban-1');
    const b = await openDesk('ban-2');
    await admit(a, p, T0 + 1_000);
    await admit(a, q, T0 + 2_000);
    await admit(b, p, T0 + 3_000); // B was offline: it admits P too
    await sync(a);
    await sync(b);
    await sync(a);

    const onServer = await serverFacts();
    const local = [...await factsOfEvent(a.db, 1)].map((f) => f.id).sort();
    expect(onServer.map((f) => f.id).sort()).toEqual(local);
    expect((await factsOfEvent(b.db, 1)).map((f) => f.id).sort()).toEqual(local);
    expect(await pendingCount(a.db, 1)).toBe(0);
    expect(await pendingCount(b.db, 1)).toBe(0);
    // The person admitted twice counts once, on every side; the later admission is marked.
    const units = fixture.temp.store.getPackage(1)!.units;
    const serverTally = tallyByUnit(onServer, units, { checkpoint: 'arrived' });
    expect(tallyByUnit(await factsOfEvent(a.db, 1), units, { checkpoint: 'arrived' })).toEqual(serverTally);
    expect(tallyByUnit(await factsOfEvent(b.db, 1), units, { checkpoint: 'arrived' })).toEqual(serverTally);
    expect([...serverTally.values()].reduce((n, u) => n + u.count, 0)).toBe(2);
    expect(onServer.filter((f) => f.duplicate).map((f) => f.deskId)).toEqual(['ban-2']);

    // Desk B now knows Q was admitted at desk A.
    const again = await admit(b, q, T0 + 4_000);
    expect(again.verdict.kind).toBe('already');
    if (again.verdict.kind === 'already') expect(again.verdict.first.deskId).toBe('ban-1');
  });

  it('a push whose answer is lost is resent and stored once', async () => {
    let loseNext = true;
    const lossy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await fixture.app.request(String(input), init);
      if (loseNext && init?.method === 'POST') { loseNext = false; throw new TypeError('network lost'); }
      return res;
    }) as typeof fetch;
    const a = await openDesk('ban-1', lossy);
    for (const [i, person] of people.slice(0, 30).entries()) await admit(a, person, T0 + 1_000 + i);
    await expect(pushBatch(a.target)).rejects.toMatchObject({ kind: 'offline' });
    expect(await pendingCount(a.db, 1)).toBe(30); // nothing left the outbox without an answer
    await sync(a);
    expect(await pendingCount(a.db, 1)).toBe(0);
    const onServer = await serverFacts();
    expect(onServer).toHaveLength(30);
    expect(new Set(onServer.map((f) => f.id)).size).toBe(30);
  });

  it('measures the clock offset so a desk with a wrong clock files scans at the right minute', async () => {
    const a = await openDesk('ban-1');
    // Facts must be within two days of the server's clock (issue 13): this desk runs three hours slow.
    fixture.clock.now = Date.now() + 3 * 3_600_000;
    await admit(a, people[0]!, Date.now());
    const push = await pushBatch(a.target);
    // The server's clock is three hours ahead of this machine's: the offset bridges them.
    expect(Math.abs(Date.now() + push.offset - fixture.clock.now)).toBeLessThan(2_000);
    expect(await clockOffset(a.db)).toBe(push.offset);
  });

  it('a revoked desk is refused plainly and keeps its facts', async () => {
    const a = await openDesk('ban-1');
    await admit(a, people[0]!, T0 + 1_000);
    const deviceId = a.rec.deviceId;
    const revoke = await fixture.app.request(`/api/events/1/devices/${deviceId}/revoke`, jsonInit('POST', {}, fixture.coordinator));
    expect(revoke.status).toBe(200);
    const failure = await pushBatch(a.target).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncError);
    expect(failure).toMatchObject({ kind: 'revoked' });
    expect((failure as SyncError).vi).toMatch(/thu hồi/);
    expect(await pendingCount(a.db, 1)).toBe(1);
  });
});
