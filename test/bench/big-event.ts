// A national-campaign-sized event for the benchmark: 300 units, about 20,000 people,
// built by the same generator as the demo events and stored through the real store.
import type { DemoPlan } from '../../src/server/demo/plans.ts';
import { DEMO_PLANS } from '../../src/server/demo/plans.ts';
import { buildDemoEvent } from '../../src/server/demo/seed.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import type { NewEvent } from '../../src/server/store/store.ts';

export const BIG_EVENT_ID = 90;
const UNITS = 300;

/** The plan: 300 units of 62 people (about 67 on the roster each), slots over the morning. */
export function bigPlan(): DemoPlan {
  const base = DEMO_PLANS[0]!;
  return {
    event: { ...base.event, id: BIG_EVENT_ID, name: 'Hành trình đỏ toàn quốc — 300 đơn vị' },
    region: base.region,
    fixedNames: [],
    units: Array.from({ length: UNITS }, (_, i) => ({
      name: `Đơn vị số ${i + 1}`,
      group: `Cụm ${Math.floor(i / 20) + 1}`,
      quotas: [{ category: 'Người hiến máu', quota: 62 }],
      slot: { from: `${String(7 + (i % 3)).padStart(2, '0')}:00`, to: `${String(8 + (i % 3)).padStart(2, '0')}:30` },
    })),
  };
}

/** Writes the big event into the store at `file` and returns it (with its keys). */
export async function createBigEvent(file: string): Promise<NewEvent> {
  const store = new SqliteStore(file);
  const event = buildDemoEvent(bigPlan());
  await store.createEvent(event);
  await store.close();
  return event;
}
