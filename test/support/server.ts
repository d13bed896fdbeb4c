// The real sync server as a child process, for e2e tests and the benchmark: the same
// entry point, database file and signals as production, on a free port and a fresh data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { existsSync } from 'node:fs';
import { EventPackage } from '../../src/shared/schemas.ts';
import { preparePgCoordinator } from './pg-cluster.ts';
import { readFile } from 'node:fs/promises';
import { authHeaders, httpFetcher, jsonInit, login, offerPairing, prepareCoordinator, type Fetcher } from './sync-session.ts';
import { tlsFetcher } from './tls-fetch.ts';

/** The project root, whatever the caller's working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running server and the ways to end it. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43125 */
  url: string;
  port: number;
  /** The server process (its memory is read from /proc by the bomb benchmark). */
  pid: number;
  dataDir: string;
  /** Everything the child wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** SIGTERM and wait for the process to exit: the graceful shutdown a deploy does. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a power cut, for crash-recovery tests. */
  kill9(): Promise<void>;
  /** A signed-in coordinator (COORDINATOR of sync-session.ts), for the reads that need one. */
  coordinator: { cookie: string };
  /** Requests to `url`; over HTTPS (`https: true`) it trusts the server's own venue CA. */
  fetcher: Fetcher;
  /** With `https: true`: the plain-HTTP port (trust guide, redirects) and the venue CA's PEM. */
  venue?: { plainUrl: string; caPem: string };
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms (${lastError}):\n${output()}`);
}

/**
 * Starts src/server/main.ts (under tsx) with PORT and DATA_DIR set and resolves once GET /api/health
 * answers 200. Pass `dataDir` to restart on an existing database (restart and crash tests).
 */
export async function startServer(options: { dataDir?: string; port?: number; timeoutMs?: number; env?: Record<string, string>; https?: boolean } = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'diemdanh-e2e-')));
  // Every test server has a coordinator: badges, codes and rosters are theirs to read. A
  // restart on an existing database keeps its account and sessions as they were.
  // On PostgreSQL (env.DATABASE_URL) the account lives there, shared by every process.
  const databaseUrl = options.env?.['DATABASE_URL'];
  if (databaseUrl) await preparePgCoordinator(databaseUrl);
  else if (!existsSync(join(dataDir, 'diemdanh.sqlite'))) await prepareCoordinator(dataDir);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // HTTPS=1: the app on HTTPS_PORT with the venue CA, PORT keeps the trust guide (health answers there).
  const httpsPort = options.https ? await freePort() : undefined;
  const venueEnv: Record<string, string> = httpsPort ? { HTTPS: '1', HTTPS_PORT: String(httpsPort) } : {};
  // `node --import tsx`, not node_modules/.bin/tsx: the tsx CLI is a wrapper that runs the
  // server in a second node process, so SIGKILL to it would orphan the real server.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...venueEnv, ...options.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { log += chunk; if (process.env.DD_SERVER_ECHO) process.stderr.write(chunk); });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { log += chunk; if (process.env.DD_SERVER_ECHO) process.stderr.write(chunk); });
  const output = (): string => log;

  // If the test process dies first, take the server with it rather than leave it holding a port.
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    const done = exited(child);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await done;
    process.off('exit', killOnExit);
  };
  try {
    await waitForHealth(url, child, output, options.timeoutMs ?? 30_000);
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
  if (httpsPort) {
    const caPem = await readFile(join(options.env?.['TLS_DIR'] ?? join(dataDir, 'tls'), 'ca.crt.pem'), 'utf8');
    const httpsUrl = `https://127.0.0.1:${httpsPort}`;
    const fetcher = tlsFetcher(httpsUrl, caPem);
    const coordinator = await login(fetcher);
    return { url: httpsUrl, port: httpsPort, pid: child.pid!, dataDir, output, stop: () => end('SIGTERM'), kill9: () => end('SIGKILL'), coordinator, fetcher, venue: { plainUrl: url, caPem } };
  }
  const fetcher = httpFetcher(url);
  const coordinator = await login(fetcher);
  return { url, port, pid: child.pid!, dataDir, output, stop: () => end('SIGTERM'), kill9: () => end('SIGKILL'), coordinator, fetcher };
}

/** One participant's printed code, as the committee's roster CSV gives it. */
export interface RosterCode {
  no: number;
  name: string;
  unitId: number;
  code: string;
}

/** The event package as a desk downloads it, parsed with the shared schema. */
export async function fetchPackage(url: string, eventId: number, auth: { cookie: string }): Promise<EventPackage> {
  const response = await fetch(`${url}/api/events/${eventId}/package`, { headers: authHeaders(auth) });
  if (!response.ok) throw new Error(`GET package of event ${eventId}: HTTP ${response.status} ${await response.text()}`);
  return EventPackage.parse(await response.json());
}

/** Parses a roster CSV (BOM stripped, header row); codes are kept exactly, spaces included. */
export function parseRosterCsv(text: string, unitId: number): RosterCode[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`roster CSV of unit ${unitId}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.data.map((row, index) => {
    const no = Number(row['Mã số']);
    const name = row['Họ và tên'];
    const code = row['Mã QR'];
    if (!Number.isInteger(no) || !name || !code) throw new Error(`roster CSV of unit ${unitId}, row ${index + 2}: ${JSON.stringify(row)}`);
    return { no, name, unitId, code };
  });
}

/** Every participant's code of an event: the package for the unit list, then each unit's roster CSV. */
export async function fetchCodes(server: Pick<RunningServer, 'url' | 'coordinator'>, eventId: number): Promise<RosterCode[]> {
  const { url, coordinator } = server;
  const pkg = await fetchPackage(url, eventId, coordinator);
  const perUnit = await Promise.all(pkg.units.map(async (unit) => {
    const response = await fetch(`${url}/api/events/${eventId}/units/${unit.id}/roster.csv`, { headers: authHeaders(coordinator) });
    if (!response.ok) throw new Error(`GET roster of unit ${unit.id}: HTTP ${response.status}`);
    return parseRosterCsv(await response.text(), unit.id);
  }));
  return perUnit.flat();
}

/** A fresh one-time pairing code for the event, as the coordinator's screen would show it. */
export function pairingCode(server: Pick<RunningServer, 'url' | 'coordinator'>, eventId: number): Promise<string> {
  return offerPairing(httpFetcher(server.url), server.coordinator, eventId);
}
