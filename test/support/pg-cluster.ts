// A throw-away PostgreSQL for tests and the benchmark: PG_TEST_URL when given, else a cluster
// of its own (initdb + pg_ctl) in a temp dir on a free local port, run as an unprivileged user
// because postgres refuses to run as root. Missing PostgreSQL fails under CI and skips elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import { setCoordinatorPassword } from '../../src/server/cli/set-password.ts';
import { freePort } from './server.ts';
import { COORDINATOR } from './sync-session.ts';

/** A running PostgreSQL: the URL of its maintenance database and the way to end it. */
export interface PgServer {
  /** postgres://…/postgres: create and drop test databases through it. */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The directory holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<ver>/bin
 * (DD_PG_ROOT replaces that root; the test of the CI rule points it at nothing).
 */
export function findPgBin(): string | undefined {
  const fromPath = (spawnSync('/bin/sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout ?? '').trim();
  const candidates = fromPath ? [join(fromPath, '..')] : [];
  const debian = process.env['DD_PG_ROOT'] ?? '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** uid/gid to run the cluster as: ourselves, or `postgres` (Debian's package creates it) when we are root. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('PostgreSQL refuses to run as root and there is no "postgres" user: install Debian\'s postgresql package');
  }
}

/**
 * Starts a fresh cluster. `durable: false` (tests) turns fsync off; the benchmark keeps the
 * defaults so its figure is what a real server would see.
 */
export async function startPgCluster(options: { durable?: boolean } = {}): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL not found (initdb/pg_ctl): apt-get install postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'dd-pg-'));
  const user = clusterUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool: string, args: string[]): void => {
    execFileSync(join(bin, tool), args, { ...user, cwd: dir, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const settings = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (!options.durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  try {
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const stopNow = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that dies must not leave a postgres running on the machine.
  process.once('exit', stopNow);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}

/**
 * The PostgreSQL tests run against: PG_TEST_URL if set, else a cluster of our own. Undefined
 * (the suite skips) only when PostgreSQL is missing and CI is not set; under CI it throws.
 */
export async function pgForTests(): Promise<PgServer | undefined> {
  const given = process.env['PG_TEST_URL'];
  if (given) return { adminUrl: given, stop: async () => undefined };
  if (!findPgBin()) {
    if (process.env['CI']) throw new Error('CI is set but PostgreSQL is missing (initdb/pg_ctl not found): .ci/run must install postgresql');
    console.warn('PostgreSQL not installed: skipping the PostgreSQL store tests (they fail under CI)');
    return undefined;
  }
  return startPgCluster();
}

let databases = 0;

/** A new empty database on the server; `drop()` removes it (after its pools are closed). */
export async function freshDatabase(server: PgServer): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `dd_test_${process.pid}_${Date.now().toString(36)}_${++databases}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Gives the test coordinator (COORDINATOR) a password in a PostgreSQL store before server
 * processes start on it; left alone when set, since a new password would end live sessions.
 */
export async function preparePgCoordinator(url: string): Promise<void> {
  const store = await PgStore.open(url);
  try {
    if ((await store.getCoordinator(COORDINATOR.username))?.passwordHash === undefined) {
      await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
    }
  } finally {
    await store.close();
  }
}
