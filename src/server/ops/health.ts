// GET /api/health for load balancers and the venue laptop's own checks: the process answers
// (liveness), and the database answers a query (readiness). 503 when the database does not.
import type { Hono } from 'hono';
import type { Store } from '../store/store.ts';

/** How long the readiness query may take before the process counts as not ready. */
export const READINESS_TIMEOUT_MS = 2000;

/** The health body; shared by the route and its tests. */
export interface HealthReport {
  ok: boolean;
  live: true;
  ready: boolean;
  db: { ok: boolean; ms: number; error?: string };
}

/** Runs one real query through the store port, bounded by a timeout. */
export async function checkReadiness(store: Pick<Store, 'isEmpty'>, now: () => number = performance.now.bind(performance)): Promise<HealthReport> {
  const started = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('database did not answer in time')), READINESS_TIMEOUT_MS); });
    await Promise.race([Promise.resolve().then(() => store.isEmpty()), timeout]);
    return { ok: true, live: true, ready: true, db: { ok: true, ms: Math.round((now() - started) * 10) / 10 } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, live: true, ready: false, db: { ok: false, ms: Math.round(now() - started), error: message } };
  } finally {
    clearTimeout(timer);
  }
}

/** Mounts GET /api/health (readiness, database included) and GET /api/health/live (the process only). */
export function mountHealth(app: Hono, store: Pick<Store, 'isEmpty'>): void {
  app.get('/api/health/live', (c) => c.json({ ok: true, live: true }));
  app.get('/api/health', async (c) => {
    const report = await checkReadiness(store);
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.ready ? 200 : 503);
  });
}
