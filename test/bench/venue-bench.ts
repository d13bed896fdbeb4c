// Issue 14's figures: the venue's HTTPS handshake (TLS plus the first byte of /, local, a new
// connection each time), and an online backup of a 20,000-fact store while 10 desks keep
// pushing, with the longest push during it (ingest must not stall by more than 50 ms).
// `tsx test/bench/venue-bench.ts` runs it alone; run.ts calls venueBench().
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../../src/server/app.ts';
import { setCoordinatorPassword } from '../../src/server/cli/set-password.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import { startServer } from '../support/server.ts';
import { COORDINATOR, admitFact, login, pairDesk, push, type Fetcher } from '../support/sync-session.ts';
import { BIG_EVENT_ID, createBigEvent } from './big-event.ts';
import { emit, median } from './report.ts';

const HANDSHAKES = 40;
const DESKS = 10;
const STORED_FACTS = 20_000;

/** One new TLS connection, GET /, until the response head arrives; ms. */
function handshakeOnce(port: number, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/', ca, agent: false, headers: { Connection: 'close' } }, (res) => {
      const ms = performance.now() - started;
      res.resume();
      res.on('end', () => resolve(ms));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Median of HANDSHAKES fresh connections to a real server started with HTTPS=1. */
export async function httpsHandshakeP50(): Promise<number> {
  const server = await startServer({ https: true });
  try {
    const ca = server.venue!.caPem;
    await handshakeOnce(server.port, ca); // warm the server's own code paths once
    const samples: number[] = [];
    for (let i = 0; i < HANDSHAKES; i++) samples.push(await handshakeOnce(server.port, ca));
    return median(samples);
  } finally {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/** A store holding the 20,100-person event and 20,000 of its check-ins, and the app over it. */
async function storeWithFacts(dir: string) {
  const file = join(dir, 'diemdanh.sqlite');
  const big = await createBigEvent(file);
  const store = new SqliteStore(file);
  const source = { eventId: BIG_EVENT_ID, deviceId: 'bench-seed', deskId: big.desks[0]!.id };
  const people = big.participants;
  for (let start = 0; start < STORED_FACTS; start += 500) {
    const batch = people.slice(start, start + 500).map((p, i) => admitFact(source, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: Date.now() + start + i }));
    store.ingestFacts(BIG_EVENT_ID, batch, Date.now());
  }
  const app = createApp({ store, rateLimit: false });
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
  return { store, fetcher, people, desks: big.desks };
}

/** The backup's time, and the longest push of 10 desks while it ran (and, for comparison, without it). */
export async function backupUnderIngest(): Promise<{ backupMs: number; stallMaxMs: number; quietMaxMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-venue-bench-'));
  const { store, fetcher, people, desks } = await storeWithFacts(dir);
  try {
    const coordinator = await login(fetcher);
    const paired = await Promise.all(Array.from({ length: DESKS }, (_, d) =>
      pairDesk(fetcher, coordinator, { eventId: BIG_EVENT_ID, deskId: desks[d % desks.length]!.id, name: `Máy ${d}` })));
    let phase: 'quiet' | 'backup' | 'done' = 'quiet';
    const longest = { quiet: 0, backup: 0 };
    const deskLoop = async (desk: (typeof paired)[number], d: number) => {
      for (let round = 0; (phase as string) !== 'done'; round++) {
        const batch = Array.from({ length: 10 }, (_, i) => people[(d * 997 + round * 10 + i) % people.length]!)
          .map((p, i) => admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: Date.now() + round * 10 + i }));
        const during = phase;
        const started = performance.now();
        await push(fetcher, { token: desk.token }, BIG_EVENT_ID, batch);
        const ms = performance.now() - started;
        if (during !== 'done' && (phase as string) === during) longest[during] = Math.max(longest[during], ms);
        await new Promise((resolve) => setTimeout(resolve, 5)); // a desk pauses between batches
      }
    };
    const loops = paired.map(deskLoop);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    phase = 'backup';
    const started = performance.now();
    await store.backup(join(dir, 'backup.sqlite'));
    const backupMs = performance.now() - started;
    phase = 'done';
    await Promise.all(loops);
    return { backupMs, stallMaxMs: longest.backup, quietMaxMs: longest.quiet };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the venue figures. */
export async function venueBench(): Promise<void> {
  emit('https_handshake_ms_p50', await httpsHandshakeP50(), 'ms', null);
  const backup = await backupUnderIngest();
  emit('backup_20k_facts_ms', backup.backupMs, 'ms', null);
  emit('ingest_stall_ms_max', backup.stallMaxMs, 'ms', 50);
  emit('ingest_push_ms_max_without_backup', backup.quietMaxMs, 'ms', null);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await venueBench();
