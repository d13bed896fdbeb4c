// Process entry: opens the store (SQLite file or PostgreSQL), seeds the demo events on first start, serves API and PWA.
// With HTTPS=1 it serves HTTPS on HTTPS_PORT with the venue's own CA and keeps PORT for the trust guide.
import { existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { inviteFirstCoordinator, inviteMessage } from './http/coordinator-setup.ts';
import { InProcessFactFeed } from './live/fact-feed.ts';
import { backupEveryMs, scheduleBackups, type BackupSchedule } from './ops/backup.ts';
import { createMetrics } from './ops/metrics.ts';
import { serveMetrics } from './ops/metrics-server.ts';
import { printRequest } from './ops/request-log.ts';
import { OpenResponses, gracefulShutdown } from './ops/shutdown.ts';
import { closeOffload } from './offload/pool.ts';
import { openBackend, type OpenedBackend } from './store/open-store.ts';
import { venueAnnouncement, withVenueInfo } from './venue/announce.ts';
import { openVenue, wantsHttps, type VenueOutcome } from './venue/open-venue.ts';
import { createTrustApp } from './venue/trust-app.ts';

const fail = (message: string): never => {
  console.error(`Điểm danh: ${message}`);
  process.exit(1);
};
const port = Number(process.env['PORT'] ?? 8080);
// HOST=127.0.0.1 behind a reverse proxy (README, Mode 2); every interface by default, for tablets on a LAN.
const host = process.env['HOST'] || '0.0.0.0';
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got "${process.env['PORT']}"`);
// DATABASE_URL=postgres://… runs on PostgreSQL (many processes); otherwise DATA_DIR's SQLite file.
let backend: OpenedBackend;
try {
  backend = await openBackend(process.env);
} catch (error) {
  fail(`cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
}
const metrics = createMetrics();
const store = metrics.countingStore(backend!.store);
const feed = metrics.countingFeed(backend!.feed ?? new InProcessFactFeed());
const seeded = await backend!.seed();

let venueOutcome: VenueOutcome | undefined;
try {
  if (wantsHttps(process.env)) venueOutcome = await openVenue(process.env, { dataDir: backend!.dataDir ?? join(process.cwd(), 'data'), httpPort: port });
} catch (error) {
  await backend!.close();
  fail(error instanceof Error ? error.message : String(error));
}
const venue = venueOutcome?.kind === 'https' ? venueOutcome.venue : undefined;
if (venueOutcome?.kind === 'http') console.warn(`Điểm danh: warning: ${venueOutcome.warning}`);

const distDir = fileURLToPath(new URL('../../dist', import.meta.url));
const hasDist = existsSync(distDir);
// PUBLIC_URL is the address tablets use (e.g. http://192.168.1.10:8080); pairing links carry it.
// At a venue it defaults to the trust guide, which forwards to HTTPS with #pair=… kept.
const publicUrl = process.env['PUBLIC_URL'] || venue?.trustUrl.replace(/\/$/, '') || undefined;
const app = createApp({
  store, feed, distDir: hasDist ? distDir : undefined, publicUrl,
  // REQUEST_LOG=off silences the per-request lines (metrics still count every request).
  requestLog: (record) => { if (process.env['REQUEST_LOG'] !== 'off') printRequest(record); metrics.observeRequest(record); },
});
const invite = await inviteFirstCoordinator(store, { origin: publicUrl ?? `http://localhost:${port}`, now: Date.now() });

const responses = new OpenResponses();
const notes = [backend!.where, seeded ? `${seeded} demo events seeded` : '', hasDist ? '' : 'no dist/: API only'].filter(Boolean).join('; ');
const servers = venue
  ? [
    serve({
      fetch: withVenueInfo(app.fetch, venue), port: venue.httpsPort, hostname: host,
      createServer: createHttpsServer, serverOptions: { key: venue.tls.server.keyPem, cert: venue.tls.server.certPem },
    }, () => void venueAnnouncement(venue).then((text) => {
      console.log(`Điểm danh: https://localhost:${venue.httpsPort}, plain HTTP on ${port} for the trust guide (${notes})\n${text}`);
      if (invite) console.log(inviteMessage(invite));
    })),
    serve({ fetch: createTrustApp({ httpsPort: venue.httpsPort, fingerprint: venue.tls.caFingerprint, permitted: venue.tls.permitted, caDer: venue.tls.caDer }).fetch, port, hostname: host }),
  ]
  : [serve({ fetch: app.fetch, port, hostname: host }, () => {
    console.log(`Điểm danh: http://localhost:${port} (${notes})`);
    if (invite) console.log(inviteMessage(invite));
  })];
for (const server of servers) responses.track(server);
const metricsServer = serveMetrics(process.env, metrics);

let backups: BackupSchedule | undefined;
const backup = backend!.backup;
if (backup) {
  try {
    backups = scheduleBackups({ backup, dir: join(backend!.dataDir!, 'backups'), everyMs: backupEveryMs(process.env), onResult: metrics.observeBackup });
  } catch (error) {
    console.error(`Điểm danh: ${error instanceof Error ? error.message : String(error)}; backups are off`);
  }
}

// Closing the store after the server drains is what keeps the WAL checkpointed and the file clean.
const shutdown = gracefulShutdown({
  servers: metricsServer ? [...servers, metricsServer] : servers, responses,
  finish: async () => { await backups?.stop(); await closeOffload(); await backend.close(); },
});
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
