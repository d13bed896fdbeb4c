// Prometheus metrics for a coordinator's or an operator's dashboard, on their own port so the
// public one never exposes them. prom-client writes the text format and the event-loop lag.
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
import type { FactFeed } from '../live/fact-feed.ts';
import type { Store } from '../store/store.ts';
import type { RequestRecord } from './request-log.ts';

/** The route a desk pushes its outbox to. */
const PUSH_ROUTE = '/api/events/:id/facts';

/** The process's metrics and the hooks that feed them. */
export interface ServerMetrics {
  registry: Registry;
  /** Counts a finished request (pushes, request durations per route). */
  observeRequest(record: RequestRecord): void;
  /** Counts a backup attempt. */
  observeBackup(result: 'ok' | 'failed'): void;
  /** The store with ingest counted; every other call passes through unchanged. */
  countingStore<S extends Store>(store: S): S;
  /** The feed with live subscribers (SSE clients) counted. */
  countingFeed(feed: FactFeed): FactFeed;
}

/** A fresh registry with Node's default metrics (event-loop lag included) and ours. */
export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'diemdanh_', eventLoopMonitoringPrecision: 10 });
  const ingested = new Counter({ name: 'diemdanh_facts_ingested_total', help: 'Check-in facts newly stored (replays not counted)', registers: [registry] });
  const pushes = new Counter({ name: 'diemdanh_pushes_total', help: 'Push batches accepted from desks', registers: [registry] });
  const sseClients = new Gauge({ name: 'diemdanh_sse_clients', help: 'Open live streams (SSE)', registers: [registry] });
  const backups = new Counter({ name: 'diemdanh_backups_total', help: 'Backups of the embedded store', labelNames: ['result'], registers: [registry] });
  const requests = new Histogram({
    name: 'diemdanh_http_request_duration_seconds', help: 'Request time by route pattern',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  return {
    registry,
    observeRequest(record) {
      requests.observe({ method: record.method, route: record.route, status: String(record.status) }, record.ms / 1000);
      if (record.method === 'POST' && record.route === PUSH_ROUTE && record.status < 300) pushes.inc();
    },
    observeBackup: (result) => backups.inc({ result }),
    countingStore(store) {
      const ingest = store.ingestFacts.bind(store);
      return new Proxy(store, {
        get(target, key, receiver) {
          if (key !== 'ingestFacts') {
            const value = Reflect.get(target, key, receiver) as unknown;
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          }
          // Stays synchronous for a synchronous store, so its callers' timing does not change.
          return (...args: Parameters<Store['ingestFacts']>) => {
            const result = ingest(...args);
            if (result instanceof Promise) return result.then((done) => { ingested.inc(done.inserted); return done; });
            ingested.inc(result.inserted);
            return result;
          };
        },
      });
    },
    countingFeed(feed) {
      return {
        publish: (eventId, cursor) => feed.publish(eventId, cursor),
        subscribe(eventId, listener) {
          const unsubscribe = feed.subscribe(eventId, listener);
          sseClients.inc();
          let done = false;
          return () => {
            if (!done) { done = true; sseClients.dec(); }
            unsubscribe();
          };
        },
      };
    },
  };
}
