// The server process under operations: SIGTERM ends open live streams at once instead of
// waiting out a fallback; kill -9 mid-ingest loses nothing a backup had, once restored; and a
// backup that cannot be written is logged and retried while ingest goes on.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listBackups, backupStartedAt } from '../../../src/server/ops/backup.ts';
import { PROJECT_ROOT, fetchPackage, startServer, type RunningServer } from '../../support/server.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { admitFact, authHeaders, httpFetcher, pairDesk, pullAll, push } from '../../support/sync-session.ts';

const running: RunningServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const track = (server: RunningServer): RunningServer => { running.push(server); dirs.push(server.dataDir); return server; };

describe('the server process', () => {
  it('ends open live streams at once on SIGTERM and exits, taking a last backup', async () => {
    const server = track(await startServer());
    const response = await fetch(`${server.url}/api/events/1/stream`, { headers: authHeaders(server.coordinator) });
    const reader = new SseReader(response.body!);
    expect((await reader.next(5000)).event).toBe('snapshot');
    const started = Date.now();
    await server.stop();
    const took = Date.now() - started;
    await expect(reader.next(1000)).rejects.toThrow();
    expect(took).toBeLessThan(1500); // the fallback that used to end it waits 3 s
    expect(server.output()).toContain('SIGTERM, stopping');
    expect(server.output()).toMatch(/"backup":"ok"/);
    expect(listBackups(join(server.dataDir, 'backups'))).toHaveLength(1);
  }, 60_000);

  it('after kill -9 mid-ingest, the latest backup restored holds every fact acknowledged before it began', async () => {
    const server = track(await startServer({ env: { BACKUP_MINUTES: '0.01' } }));
    const fetcher = httpFetcher(server.url);
    const people = (await fetchPackage(server.url, 1, server.coordinator)).participants;
    const desks = await Promise.all([1, 2, 3, 4].map((i) => pairDesk(fetcher, server.coordinator, { eventId: 1, deskId: 'ban-1', name: `Máy ${i}` })));
    const acked: Array<{ id: string; at: number }> = [];
    let stop = false;
    const pushing = desks.map(async (desk, d) => {
      for (let round = 0; !stop; round++) {
        const batch = people.slice(0, 25).map((p, i) => admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: Date.now() + round * 100 + i + d }));
        try {
          await push(fetcher, { token: desk.token }, 1, batch);
          const at = Date.now();
          for (const fact of batch) acked.push({ id: fact.id, at });
        } catch {
          return; // the server is gone
        }
      }
    });
    const deadline = Date.now() + 20_000;
    while (listBackups(join(server.dataDir, 'backups')).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await server.kill9(); // mid-ingest: pushes are in flight
    stop = true;
    await Promise.all(pushing);
    const latest = listBackups(join(server.dataDir, 'backups')).at(-1)!;
    expect(latest).toBeDefined();
    const startedAt = backupStartedAt(basename(latest))!;
    const before = acked.filter((a) => a.at < startedAt).map((a) => a.id);
    expect(before.length).toBeGreaterThan(0);

    const restoredDir = mkdtempSync(join(tmpdir(), 'dd-restored-'));
    dirs.push(restoredDir);
    const said = execFileSync('npm', ['run', '--silent', 'restore', '--', latest], { cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: restoredDir }, encoding: 'utf8' });
    expect(said).toContain(`into ${join(restoredDir, 'diemdanh.sqlite')}`);
    const restored = track(await startServer({ dataDir: restoredDir }));
    const { facts } = await pullAll(httpFetcher(restored.url), restored.coordinator, 1);
    const ids = new Set(facts.map((f) => f.id));
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
  }, 90_000);

  it('logs a backup it cannot write, tries again, and keeps taking pushes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dd-nobackup-'));
    writeFileSync(join(dataDir, 'backups'), 'a file where the folder should be');
    const server = track(await startServer({ dataDir, env: { BACKUP_MINUTES: '0.005' } }));
    const fetcher = httpFetcher(server.url);
    const desk = await pairDesk(fetcher, server.coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy 1' });
    const person = (await fetchPackage(server.url, 1, server.coordinator)).participants[0]!;
    const deadline = Date.now() + 15_000;
    while ((server.output().match(/"backup":"failed"/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((server.output().match(/"backup":"failed"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(server.output()).toContain(join(dataDir, 'backups'));
    const result = await push(fetcher, { token: desk.token }, 1, [admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: Date.now() })]);
    expect(result.cursor).toBeGreaterThan(0);
  }, 60_000);
});
