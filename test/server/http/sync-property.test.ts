// Property: whatever happens to the network — duplicated, dropped, reordered and interrupted
// pushes and pulls between several desks — after one final full sync the server holds exactly
// the union of the desks' facts, and every desk, the server and the truth agree on the tally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { standingAdmission } from '../../../src/domain/admit.ts';
import { tallyByUnit } from '../../../src/domain/tally.ts';
import { generateEventKeys } from '../../../src/server/codes/signing.ts';
import type { Checkpoint, Fact, Participant, Unit } from '../../../src/shared/schemas.ts';
import { PullResponse, PushResponse, type ServerFact } from '../../../src/shared/sync.ts';
import { admitFact, jsonInit, pullAll, voidFact, type Fetcher } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

const CHECKPOINTS: Checkpoint[] = ['arrived', 'donated'];
const UNITS: Unit[] = [1, 2, 3].map((id) => ({ id, name: `Đơn vị ${id}`, quotas: [{ category: 'Đoàn viên', quota: 5 }] }));
const PEOPLE: Participant[] = Array.from({ length: 12 }, (_, i) => ({
  no: i + 1, name: `Người ${i + 1}`, phone: '0900000000', unitId: 1 + (i % 3), category: 'Đoàn viên',
}));

/** What a desk will record, in order: admissions of (often the same) people, and undos of its own. */
type Step = { kind: 'admit'; person: number; checkpoint: Checkpoint; minute: number; skewMin: number } | { kind: 'void'; target: number; minute: number };
/** What the network does next. */
type Action =
  | { kind: 'record'; desk: number }
  | { kind: 'push'; desk: number; from: number; size: number; shuffle: boolean; fate: 'ok' | 'lost' | 'dropped' | 'twice' }
  | { kind: 'pull'; desk: number; fate: 'ok' | 'lost' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('admit' as const), person: fc.integer({ min: 1, max: 13 }), checkpoint: fc.constantFrom(...CHECKPOINTS), minute: fc.integer({ min: 0, max: 90 }), skewMin: fc.integer({ min: -120, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat(), minute: fc.integer({ min: 0, max: 120 }) }) },
);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), desk: fc.nat(4) }),
  fc.record({ kind: fc.constant('push' as const), desk: fc.nat(4), from: fc.nat(5), size: fc.integer({ min: 1, max: 6 }), shuffle: fc.boolean(), fate: fc.constantFrom('ok' as const, 'lost' as const, 'dropped' as const, 'twice' as const) }),
  fc.record({ kind: fc.constant('pull' as const), desk: fc.nat(4), fate: fc.constantFrom('ok' as const, 'lost' as const) }),
);

/** A desk as the model sees it: the facts it will record, its log, its outbox and cursor. */
interface SimDesk { paired: PairedDesk; plan: Fact[]; recorded: number; log: Map<string, Fact>; outbox: string[]; cursor: number }

/** Turns a desk's steps into facts; person 13 is a signed code outside the roster (unit unknown). */
function planFacts(paired: PairedDesk, steps: readonly Step[]): Fact[] {
  const facts: Fact[] = [];
  for (const step of steps) {
    if (step.kind === 'void') {
      const admits = facts.filter((f) => f.kind === 'admit');
      const target = admits[step.target % Math.max(1, admits.length)];
      if (target) facts.push(voidFact(paired, target, T0 + step.minute * 60_000));
      continue;
    }
    const person = PEOPLE.find((p) => p.no === step.person);
    facts.push(admitFact(paired, {
      personKey: String(step.person), unitId: person?.unitId ?? 0, category: person?.category ?? '', checkpoint: step.checkpoint,
      deviceTime: T0 + (step.minute - step.skewMin) * 60_000, clockOffsetMs: step.skewMin * 60_000, unknown: !person,
    }));
  }
  return facts;
}

const plain = ({ seq: _s, receivedAt: _r, duplicate: _d, ...fact }: ServerFact): Fact => fact;
const tallies = (facts: Iterable<Fact>) => {
  const all = [...facts]; // once: an iterator would be spent after the first checkpoint
  return CHECKPOINTS.map((checkpoint) => [...tallyByUnit(all, UNITS, { checkpoint }).values()]);
};

async function pushOnce(fetcher: Fetcher, desk: SimDesk, action: Extract<Action, { kind: 'push' }>, eventId: number): Promise<void> {
  const ids = desk.outbox.slice(action.from % Math.max(1, desk.outbox.length)).slice(0, action.size);
  if (ids.length === 0 || action.fate === 'dropped') return;
  if (action.shuffle) ids.reverse();
  const send = () => fetcher(`/api/events/${eventId}/facts`, jsonInit('POST', { facts: ids.map((id) => desk.log.get(id)), pending: 0 }, desk.paired.auth));
  if (action.fate === 'twice') await send();
  const response = await send();
  expect(response.status).toBe(200);
  const { stored } = PushResponse.parse(await response.json());
  expect(new Set(stored)).toEqual(new Set(ids));
  if (action.fate !== 'lost') desk.outbox = desk.outbox.filter((id) => !stored.includes(id));
}

async function pullOnce(fetcher: Fetcher, desk: SimDesk, fate: 'ok' | 'lost', eventId: number): Promise<void> {
  const response = await fetcher(`/api/events/${eventId}/facts?after=${desk.cursor}&limit=7`, { headers: { authorization: `Bearer ${desk.paired.token}` } });
  expect(response.status).toBe(200);
  const page = PullResponse.parse(await response.json());
  if (fate === 'lost') return;
  for (const fact of page.facts) desk.log.set(fact.id, plain(fact));
  desk.cursor = page.cursor;
}

async function run(fx: SyncFixture, eventId: number, plans: Step[][], actions: Action[]): Promise<void> {
  await fx.temp.store.createEvent({
    event: { id: eventId, name: `Thử ${eventId}`, venue: 'Sân', date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00', checkpoints: CHECKPOINTS, targets: {} },
    units: UNITS, desks: [1, 2, 3, 4, 5].map((n) => ({ id: `ban-${n}`, name: `Bàn ${n}` })), participants: PEOPLE, keys: generateEventKeys(),
  });
  const desks: SimDesk[] = [];
  for (const [i, steps] of plans.entries()) {
    const paired = await fx.pair({ deskId: `ban-${i + 1}`, eventId });
    desks.push({ paired, plan: planFacts(paired, steps), recorded: 0, log: new Map(), outbox: [], cursor: 0 });
  }
  const record = (desk: SimDesk) => {
    const fact = desk.plan[desk.recorded++];
    if (fact) { desk.log.set(fact.id, fact); desk.outbox.push(fact.id); }
  };
  for (const action of actions) {
    const desk = desks[action.desk % desks.length]!;
    if (action.kind === 'record') record(desk);
    else if (action.kind === 'push') await pushOnce(fx.fetcher, desk, action, eventId);
    else await pullOnce(fx.fetcher, desk, action.fate, eventId);
  }
  // The final full sync: everything recorded, every outbox emptied, then everyone pulls.
  for (const desk of desks) {
    while (desk.recorded < desk.plan.length) record(desk);
    while (desk.outbox.length > 0) await pushOnce(fx.fetcher, desk, { kind: 'push', desk: 0, from: 0, size: 500, shuffle: false, fate: 'ok' }, eventId);
  }
  for (const desk of desks) for (const fact of (await pullAll(fx.fetcher, desk.paired.auth, eventId, desk.cursor, 7)).facts) desk.log.set(fact.id, plain(fact));
  assertConverged(desks, (await pullAll(fx.fetcher, fx.coordinator, eventId)).facts);
}

function assertConverged(desks: SimDesk[], server: ServerFact[]): void {
  const union = new Map(desks.flatMap((d) => d.plan.map((f) => [f.id, f] as const)));
  expect(server).toHaveLength(union.size);
  for (const fact of server) expect(plain(fact)).toEqual(union.get(fact.id));
  expect(server.map((f) => f.seq)).toEqual([...server.map((f) => f.seq)].sort((a, b) => a - b));
  const truth = tallies(union.values());
  expect(tallies(server)).toEqual(truth);
  for (const desk of desks) {
    expect(new Set(desk.log.keys())).toEqual(new Set(union.keys()));
    expect(tallies(desk.log.values())).toEqual(truth);
  }
  // The duplicate flag is exact whatever the arrival order: every standing admission but the
  // first (exact ties in corrected time go to the smaller id, hence the sort before the stable one).
  const byId = [...server].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const fact of server.filter((f) => f.kind === 'admit')) {
    const group = byId.filter((f) => (f.kind === 'void') || (f.personKey === fact.personKey && f.checkpoint === fact.checkpoint));
    const voided = server.some((f) => f.kind === 'void' && f.voids === fact.id);
    const first = standingAdmission(group.map(plain), fact.checkpoint);
    expect(fact.duplicate === true, `duplicate flag of ${fact.id}`).toBe(!voided && first?.id !== fact.id);
  }
}

describe('sync converges', () => {
  let fx: SyncFixture;
  let nextEventId = 100;
  beforeAll(async () => { fx = await openSyncFixture(); });
  afterAll(() => fx.close());

  it('to the union of all desks’ facts and one tally, under any interleaving', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(stepArb, { minLength: 1, maxLength: 12 }), { minLength: 3, maxLength: 5 }),
      fc.array(actionArb, { maxLength: 60 }),
      async (plans, actions) => run(fx, nextEventId++, plans, actions),
    ), { numRuns: 100 });
  }, 120_000);
});
