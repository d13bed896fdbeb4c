// Mode 2 as the README gives it: the Caddyfile is taken out of README.md, run with Debian's caddy
// and its internal CA on loopback ports, and a desk pairs, pushes and pulls through it while a
// live stream receives the desk's check-in at once (text/event-stream is not buffered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, freePort, startServer, type RunningServer } from '../../support/server.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { COORDINATOR, admitFact, authHeaders, login, pairDesk, pullAll, push, type Fetcher } from '../../support/sync-session.ts';
import { tlsFetcher } from '../../support/tls-fetch.ts';

/** The one ```caddyfile block of the README. */
function readmeCaddyfile(readme: string): string {
  const blocks = [...readme.matchAll(/```caddyfile\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (blocks.length !== 1) throw new Error(`README.md should hold one caddyfile block, has ${blocks.length}`);
  return blocks[0]!;
}

const work = mkdtempSync(join(tmpdir(), 'dd-caddy-'));
let server: RunningServer;
let caddy: ChildProcess | undefined;
let caddyLog = '';
let site: Fetcher;
let siteUrl: string;

beforeAll(async () => {
  const httpsPort = await freePort();
  siteUrl = `https://localhost:${httpsPort}`;
  server = await startServer({ env: { HOST: '127.0.0.1', PUBLIC_URL: siteUrl } });
  // The README's block as it is, with `tls internal` added and loopback-only global options.
  const documented = readmeCaddyfile(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));
  const siteBlock = documented.replace(/\{\n/, '{\n\ttls internal\n');
  const global = `{\n\tadmin off\n\tskip_install_trust\n\tgrace_period 1s\n\thttp_port ${await freePort()}\n\thttps_port ${httpsPort}\n}\n`;
  writeFileSync(join(work, 'Caddyfile'), global + siteBlock);
  caddy = spawn('caddy', ['run', '--config', join(work, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: {
      ...process.env, HOME: work, XDG_DATA_HOME: join(work, 'data'), XDG_CONFIG_HOME: join(work, 'config'),
      DIEMDANH_SITE: `localhost:${httpsPort}`, DIEMDANH_UPSTREAM: `127.0.0.1:${server.port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  caddy.stdout!.on('data', (chunk: Buffer) => { caddyLog += chunk.toString(); });
  caddy.stderr!.on('data', (chunk: Buffer) => { caddyLog += chunk.toString(); });
  const root = join(work, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt');
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (caddy.exitCode !== null) throw new Error(`caddy exited: ${caddyLog}`);
    if (existsSync(root)) {
      site = tlsFetcher(siteUrl, readFileSync(root, 'utf8'));
      const health = await site('/api/health').catch(() => undefined);
      if (health?.status === 200) break;
    }
    if (Date.now() > deadline) throw new Error(`caddy not serving in time:\n${caddyLog}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (caddy && caddy.exitCode === null) {
    const exited = new Promise((resolve) => caddy!.once('exit', resolve));
    caddy.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
}, 30_000);

describe('the README Caddy recipe', () => {
  it('carries pairing, push, pull and the live stream to a desk over HTTPS, events unbuffered', async () => {
    const coordinator = await login(site, COORDINATOR);
    const offer = await site('/api/events/1/pairings', { method: 'POST', body: '{}', headers: { ...authHeaders(coordinator), 'Content-Type': 'application/json' } });
    expect(((await offer.json()) as { pairUrl: string }).pairUrl).toMatch(new RegExp(`^${siteUrl}/#pair=`));
    const desk = await pairDesk(site, coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy 4G' });

    const stream = await site('/api/events/1/stream', { headers: authHeaders(coordinator) });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = new SseReader(stream.body!);
    const snapshot = await reader.next(5000);
    expect(snapshot.event).toBe('snapshot');

    const pkg = await site('/api/events/1/package', { headers: authHeaders({ token: desk.token }) });
    const person = ((await pkg.json()) as { participants: Array<{ no: number; unitId: number; category: string }> }).participants[0]!;
    const fact = admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: Date.now() });
    const pushedAt = Date.now();
    const result = await push(site, { token: desk.token }, 1, [fact]);
    expect(result.stored).toEqual([fact.id]);
    let live = await reader.next(2000);
    while (live.comment !== undefined) live = await reader.next(2000);
    expect(live.event).toBe('fact');
    expect(JSON.parse(live.data)).toMatchObject({ id: fact.id });
    expect(Date.now() - pushedAt).toBeLessThan(1000);
    await reader.cancel();

    const pulled = await pullAll(site, { token: desk.token }, 1);
    expect(pulled.facts.map((f) => f.id)).toContain(fact.id);
  }, 60_000);
});
