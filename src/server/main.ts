// Process entry: opens the store (SQLite file or PostgreSQL), seeds the demo events on first start, serves API and PWA.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { inviteFirstCoordinator, inviteMessage } from './http/coordinator-setup.ts';
import { openBackend, type OpenedBackend } from './store/open-store.ts';

const port = Number(process.env['PORT'] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Điểm danh: PORT must be a port number, got "${process.env['PORT']}"`);
  process.exit(1);
}
// DATABASE_URL=postgres://… runs on PostgreSQL (many processes); otherwise DATA_DIR's SQLite file.
let backend: OpenedBackend;
try {
  backend = await openBackend(process.env);
} catch (error) {
  console.error(`Điểm danh: cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { store, feed } = backend;
const seeded = await backend.seed();

const distDir = fileURLToPath(new URL('../../dist', import.meta.url));
const hasDist = existsSync(distDir);
// PUBLIC_URL is the address tablets use (e.g. http://192.168.1.10:8080); pairing links carry it.
const publicUrl = process.env['PUBLIC_URL'] || undefined;
const app = createApp({ store, feed, distDir: hasDist ? distDir : undefined, publicUrl });
const invite = await inviteFirstCoordinator(store, { origin: publicUrl ?? `http://localhost:${port}`, now: Date.now() });

const server = serve({ fetch: app.fetch, port, hostname: '0.0.0.0' }, () => {
  const notes = [backend.where, seeded ? `${seeded} demo events seeded` : '', hasDist ? '' : 'no dist/: API only']
    .filter(Boolean).join('; ');
  console.log(`Điểm danh: http://localhost:${port} (${notes})`);
  if (invite) console.log(inviteMessage(invite));
});

let stopping = false;
// Closing the store after the server drains is what keeps the WAL checkpointed and the file clean.
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`Điểm danh: ${signal}, stopping`);
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    backend.close().finally(() => process.exit(0));
  };
  server.close(finish);
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(finish, 3000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
