// First-start demo data: the three seed events with generated leaders and rosters, so a
// new install can be tried at a desk at once. Names are deterministic; keys are fresh.
import type { Participant, Unit } from '../../shared/schemas.ts';
import { mobileNumber, mulberry32, nameGenerator, type Random } from './names.ts';
import { DEMO_DESKS, DEMO_PLANS, type DemoPlan } from './plans.ts';
import { generateEventKeys } from '../codes/signing.ts';
import type { EventKeys, NewEvent, SeedStore } from '../store/store.ts';

/** How many more people register than the quota asks for: units over-recruit a little. */
export const OVER_RECRUIT = 0.08;

/** Names that must occur exactly once, on purpose, in the Bắc Kạn roster (tests search for them). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(
  DEMO_PLANS.flatMap((plan) => plan.fixedNames.map((f) => f.name)),
);

/** Registered head count for a quota: the quota plus about 8 %, rounded up. */
export const rosterSizeFor = (quota: number): number => Math.ceil(quota * (1 + OVER_RECRUIT));

function rosterOf(plan: DemoPlan, random: Random, nextName: () => string): Participant[] {
  const people: Participant[] = [];
  plan.units.forEach((unit, index) => {
    const unitId = index + 1;
    const fixed = plan.fixedNames.find((f) => f.unitIndex === unitId)?.name;
    let firstOfUnit = true;
    for (const { category, quota } of unit.quotas) {
      for (let i = 0; i < rosterSizeFor(quota); i++) {
        const name = firstOfUnit && fixed !== undefined ? fixed : nextName();
        firstOfUnit = false;
        people.push({ no: people.length + 1, name, phone: mobileNumber(random), unitId, category });
      }
    }
  });
  return people;
}

/** The complete demo event for a plan; the same plan always yields the same names and phones. */
export function buildDemoEvent(plan: DemoPlan, keys: EventKeys = generateEventKeys()): NewEvent {
  const random = mulberry32(0x5eed_0000 + plan.event.id);
  const nextName = nameGenerator(random, plan.region, RESERVED_NAMES);
  const units: Unit[] = plan.units.map((unit, index) => ({
    id: index + 1,
    ...unit,
    leaderName: nextName(),
    leaderPhone: mobileNumber(random),
  }));
  return { event: plan.event, units, desks: DEMO_DESKS, participants: rosterOf(plan, random, nextName), keys };
}

/** Seeds the demo events into an empty store; returns how many were created (0 if not empty). */
export async function seedDemoEvents(store: SeedStore): Promise<number> {
  if (!(await store.isEmpty())) return 0;
  for (const plan of DEMO_PLANS) await store.createEvent(buildDemoEvent(plan));
  return DEMO_PLANS.length;
}
