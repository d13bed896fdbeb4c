// What an operator reads: /api/health (the database included), one JSON line per request that
// never carries a token, a code or a name, and Prometheus metrics counting what desks did.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/server/app.ts';
import { setCoordinatorPassword } from '../../../src/server/cli/set-password.ts';
import { InProcessFactFeed } from '../../../src/server/live/fact-feed.ts';
import { createMetrics } from '../../../src/server/ops/metrics.ts';
import { serveMetrics } from '../../../src/server/ops/metrics-server.ts';
import { printRequest, type RequestRecord } from '../../../src/server/ops/request-log.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { freePort } from '../../support/server.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { COORDINATOR, admitFact, authHeaders, login, pairDesk, push, type Fetcher } from '../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

const T0 = Date.UTC(2024, 6, 10, 1, 0);
let temp: TempStore | undefined;
afterEach(() => { temp?.remove(); temp = undefined; vi.restoreAllMocks(); });

async function serverWith(options: { metrics?: ReturnType<typeof createMetrics>; store?: (store: Store) => Store } = {}) {
  temp = await openTempStore();
  const records: RequestRecord[] = [];
  const metrics = options.metrics;
  const base = options.store ? options.store(temp.store) : temp.store;
  const store = metrics ? metrics.countingStore(base) : base;
  const feed = metrics ? metrics.countingFeed(new InProcessFactFeed()) : new InProcessFactFeed();
  const app = createApp({
    store, feed, now: () => T0, rateLimit: false, heartbeatMs: 50,
    requestLog: (record) => { records.push(record); metrics?.observeRequest(record); },
  });
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  await setCoordinatorPassword(temp.store, { ...COORDINATOR, now: T0 });
  const coordinator = await login(fetcher);
  return { app, fetcher, coordinator, records, store: temp.store };
}

describe('GET /api/health', () => {
  it('is ready when the database answers a query, and says how long it took', async () => {
    const { fetcher } = await serverWith();
    const response = await fetcher('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, live: true, ready: true, db: { ok: true } });
    expect((await fetcher('/api/health/live')).status).toBe(200);
  });

  it('is live but not ready (503) when the database fails', async () => {
    const { fetcher } = await serverWith({
      store: (store) => new Proxy(store, {
        get(target, key) {
          if (key === 'isEmpty') return () => { throw new Error('SQLITE_IOERR: disk I/O error'); };
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        },
      }),
    });
    const response = await fetcher('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, live: true, ready: false, db: { ok: false, error: 'SQLITE_IOERR: disk I/O error' } });
    expect(await (await fetcher('/api/health/live')).json()).toEqual({ ok: true, live: true });
  });
});

describe('the request log', () => {
  it('gives one record per request with the route pattern, never the token, the code number or a name', async () => {
    const { fetcher, coordinator, records, store } = await serverWith();
    const desk = await pairDesk(fetcher, coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy Nguyễn Văn An' });
    const person = store.getPackage(1)!.participants[4]!;
    await push(fetcher, { token: desk.token }, 1, [admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: T0 })]);
    await fetcher(`/api/events/1/participants/${person.no}/code`, { headers: authHeaders(coordinator) });
    await fetcher('/api/khong-co');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { lines.push(String(chunk)); return true; });
    for (const record of records) printRequest(record);
    vi.restoreAllMocks();
    expect(lines).toHaveLength(records.length);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => Object.keys(p).sort())).toEqual(parsed.map(() => ['method', 'ms', 'route', 'status', 't']));
    expect(records).toEqual(expect.arrayContaining([
      expect.objectContaining({ method: 'POST', route: '/api/login', status: 200 }),
      expect.objectContaining({ method: 'POST', route: '/api/events/:id/facts', status: 200 }),
      expect.objectContaining({ method: 'GET', route: '/api/events/:id/participants/:no/code', status: 200 }),
      expect.objectContaining({ method: 'GET', route: 'unmatched', status: 404 }),
    ]));
    const text = lines.join('');
    for (const secret of [desk.token, coordinator.cookie.split('=')[1]!, COORDINATOR.password, 'Nguyễn Văn An', person.name, `/${person.no}/`]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('metrics', () => {
  it('counts facts ingested, pushes and open live streams, in Prometheus text with the event-loop lag', async () => {
    const metrics = createMetrics();
    const { fetcher, coordinator, store } = await serverWith({ metrics });
    const desk = await pairDesk(fetcher, coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy 1' });
    const people = store.getPackage(1)!.participants.slice(0, 3);
    const facts = people.map((p, i) => admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + i }));
    await push(fetcher, { token: desk.token }, 1, facts);
    await push(fetcher, { token: desk.token }, 1, facts); // a replay adds nothing
    const stream = await fetcher('/api/events/1/stream', { headers: authHeaders(coordinator) });
    const reader = new SseReader(stream.body!);
    expect((await reader.next(2000)).event).toBe('snapshot');
    let text = await metrics.registry.metrics();
    expect(text).toMatch(/^diemdanh_facts_ingested_total 3$/m);
    expect(text).toMatch(/^diemdanh_pushes_total 2$/m);
    expect(text).toMatch(/^diemdanh_sse_clients 1$/m);
    expect(text).toMatch(/^diemdanh_nodejs_eventloop_lag_seconds [\d.e-]+$/m);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 150));
    text = await metrics.registry.metrics();
    expect(text).toMatch(/^diemdanh_sse_clients 0$/m);
  });

  it('serves /metrics on METRICS_PORT, bound to loopback, and nothing else there', async () => {
    const metrics = createMetrics();
    const port = await freePort();
    const server = serveMetrics({ METRICS_PORT: String(port) }, metrics)!;
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      expect(server.address()).toMatchObject({ address: '127.0.0.1', port });
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).toContain('# TYPE diemdanh_facts_ingested_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/api/events`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
