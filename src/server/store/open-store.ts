// Which store a process runs on: DATABASE_URL=postgres://… selects PostgreSQL (several server
// processes may share it, live updates fan out through LISTEN/NOTIFY); without it, the
// embedded SQLite file in DATA_DIR, as before.
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDemoEvents } from '../demo/seed.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { PgFactFeed } from './pg/fact-feed.ts';
import { isPostgresUrl } from './pg/pool.ts';
import { PgStore } from './pg/pg-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** The store a process uses and where it lives, for the start-up line. */
export interface OpenedStore {
  store: Store;
  /** "data: /path/diemdanh.sqlite" or "PostgreSQL host:port/db" (never the password). */
  where: string;
  /** Seeds the demo events into an empty store, once even when processes start together. */
  seed(): Promise<number>;
  close(): Promise<void>;
  /** The embedded store's online backup into a file; PostgreSQL has pg_dump instead. */
  backup?: (file: string) => Promise<void>;
  /** The embedded store's folder (DATA_DIR), where backups/ and tls/ live. */
  dataDir?: string;
}

/** A store plus the live-update feed that reaches every process sharing it. */
export interface OpenedBackend extends OpenedStore {
  /** Undefined for SQLite: the app's in-process feed is all one process needs. */
  feed?: FactFeed;
}

/** host:port/database of a URL, without user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Opens the store the environment names; throws a clear message for a DATABASE_URL it cannot use. */
export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<OpenedStore> {
  const url = env['DATABASE_URL'];
  if (url) {
    if (!isPostgresUrl(url)) throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`);
    const store = await PgStore.open(url);
    return {
      store, where: describePostgresUrl(url),
      seed: () => store.exclusive(() => seedDemoEvents(store)),
      close: () => store.close(),
    };
  }
  const dataDir = resolve(env['DATA_DIR'] ?? './data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700); // the folder too: a listing shows the backups and WAL beside the file
  const file = join(dataDir, 'diemdanh.sqlite');
  const store = new SqliteStore(file);
  return {
    store, where: `data: ${file}`, dataDir, seed: () => seedDemoEvents(store), close: async () => store.close(),
    backup: (target) => store.backup(target),
  };
}

/** The store and, on PostgreSQL, the LISTEN/NOTIFY feed that carries live updates between processes. */
export async function openBackend(env: NodeJS.ProcessEnv = process.env): Promise<OpenedBackend> {
  const opened = await openStoreFromEnv(env);
  const url = env['DATABASE_URL'];
  if (!url) return opened;
  try {
    const feed = await PgFactFeed.start(url);
    return { ...opened, feed, close: async () => { await feed.close(); await opened.close(); } };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
