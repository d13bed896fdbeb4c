// A signed-in coordinator for in-process app tests: the reads that hand out codes need one.
import type { Hono } from 'hono';
import { setCoordinatorPassword } from '../../../src/server/cli/set-password.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { COORDINATOR, login } from '../../support/sync-session.ts';

/** Sets the test coordinator's password in `store` and returns its Cookie header. */
export async function coordinatorHeaders(app: Hono, store: Store): Promise<{ cookie: string }> {
  await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
  return login(async (path, init) => app.request(path, init));
}
