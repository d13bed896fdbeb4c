// The real app in-process over a seeded temp store, with a coordinator signed in and a
// settable clock, so sync tests talk HTTP without a socket.
import { createApp } from '../../../src/server/app.ts';
import { InProcessFactFeed } from '../../../src/server/live/fact-feed.ts';
import type { RateLimit } from '../../../src/server/http/rate-limit.ts';
import { setCoordinatorPassword } from '../../../src/server/cli/set-password.ts';
import type { Participant } from '../../../src/shared/schemas.ts';
import { COORDINATOR, login, pairDesk, type FactSource, type Fetcher } from '../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

/** 10/07/2024 07:00 in Hà Nội, the Bắc Kạn drive's opening. */
export const T0 = Date.UTC(2024, 6, 10, 0, 0);

/** A paired desk: its token and what its facts carry. */
export interface PairedDesk extends FactSource {
  token: string;
  auth: { token: string };
}

/** One in-process server and the means to drive it. */
export interface SyncFixture {
  temp: TempStore;
  app: ReturnType<typeof createApp>;
  feed: InProcessFactFeed;
  fetcher: Fetcher;
  clock: { now: number };
  coordinator: { cookie: string };
  pair(desk: { deskId: string; eventId?: number; name?: string; deviceId?: string }): Promise<PairedDesk>;
  /** Roster people of an event (for realistic person keys). */
  people(eventId: number): Participant[];
  close(): void;
}

/** Opens a fixture; rate limiting is off unless a limit is given. */
export async function openSyncFixture(options: { rateLimit?: RateLimit | false; heartbeatMs?: number } = {}): Promise<SyncFixture> {
  const temp = await openTempStore();
  const clock = { now: T0 };
  const feed = new InProcessFactFeed();
  const app = createApp({
    store: temp.store, now: () => clock.now, feed, rateLimit: options.rateLimit ?? false, heartbeatMs: options.heartbeatMs,
  });
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  await setCoordinatorPassword(temp.store, { ...COORDINATOR, now: clock.now });
  const coordinator = await login(fetcher);
  let paired = 0;
  return {
    temp, app, feed, fetcher, clock, coordinator,
    async pair({ deskId, eventId = 1, name, deviceId }) {
      const p = await pairDesk(fetcher, coordinator, { eventId, deskId, name: name ?? `Máy ${++paired}`, deviceId });
      return { token: p.token, auth: { token: p.token }, eventId: p.eventId, deviceId: p.deviceId, deskId: p.deskId };
    },
    people: (eventId) => temp.store.getPackage(eventId)?.participants ?? [],
    close: () => temp.remove(),
  };
}
