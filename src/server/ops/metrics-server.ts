// /metrics on its own port (METRICS_PORT), bound to loopback unless METRICS_HOST says otherwise,
// so a scraper or a coordinator's dashboard reads it and the tablets' port never shows it.
import { createServer, type Server } from 'node:http';
import type { ServerMetrics } from './metrics.ts';

/** Starts the metrics server when METRICS_PORT is set; undefined otherwise. */
export function serveMetrics(env: NodeJS.ProcessEnv, metrics: ServerMetrics): Server | undefined {
  const raw = env['METRICS_PORT'];
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Điểm danh: METRICS_PORT must be a port number, got "${raw}"; metrics are off`);
    return undefined;
  }
  const host = env['METRICS_HOST'] || '127.0.0.1';
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then((text) => {
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text);
    }, (error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${String(error)}\n`);
    });
  });
  server.listen(port, host, () => console.log(`Điểm danh: metrics on http://${host}:${port}/metrics`));
  return server;
}
