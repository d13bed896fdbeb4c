// One JSON line per request: method, the route's pattern (never the raw path, which can carry
// a code or a token), status and milliseconds. Nothing from headers, query or body.
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

/** What each line holds. */
export interface RequestRecord {
  method: string;
  route: string;
  status: number;
  ms: number;
}

/** Receives every finished request (main.ts prints it and counts it for /metrics). */
export type RequestSink = (record: RequestRecord) => void;

/** The handler's pattern; wildcard middleware is skipped; the PWA's files are "static". */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  const patterns = matchedRoutes(c).map((route) => route.path).filter((path) => !path.endsWith('*'));
  return patterns[patterns.length - 1] ?? (c.req.path.startsWith('/api/') ? 'unmatched' : 'static');
}

/** Middleware that hands one record to the sink when the response is ready. */
export function requestLogger(sink: RequestSink): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const record = { method: c.req.method, route: routeOf(c), status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
      try {
        sink(record);
      } catch {
        // a broken log sink must never fail the request it describes
      }
    }
  };
}

/** The stdout sink: one line of JSON per request. */
export const printRequest: RequestSink = (record) => {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...record })}\n`);
};
