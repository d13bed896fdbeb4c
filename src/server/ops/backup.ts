// Online backups of the embedded store into DATA_DIR/backups/: every N minutes and at shutdown,
// the newest 24 kept. SQLite's backup API copies a consistent database while desks keep
// pushing; a backup that fails is logged and tried again, and never stops ingest.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Copies the live database into `file` (SqliteStore.backup). */
export type BackupFn = (file: string) => Promise<void>;

/** How often, where, how many; the clock and the log are injectable for tests. */
export interface BackupOptions {
  backup: BackupFn;
  dir: string;
  everyMs: number;
  keep?: number;
  /** After a failure, the next try comes this soon (or at the regular time, if sooner). */
  retryMs?: number;
  now?: () => number;
  log?: (line: Record<string, unknown>) => void;
  onResult?: (result: 'ok' | 'failed') => void;
}

/** The running schedule. */
export interface BackupSchedule {
  /** One backup now; resolves with its file, or undefined when it failed (already logged). */
  runOnce(): Promise<string | undefined>;
  /** Stops the timer and takes the shutdown backup. */
  stop(): Promise<string | undefined>;
}

const PREFIX = 'diemdanh-';
const SUFFIX = '.sqlite';

/** The file name for a backup started at `at`: sortable, and it says when (UTC). */
export function backupName(at: number): string {
  return `${PREFIX}${new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '')}${SUFFIX}`;
}

/** When a backup file was started, from its name; undefined for any other file. */
export function backupStartedAt(name: string): number | undefined {
  const match = /^diemdanh-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.sqlite$/.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
}

/** Finished backups in the folder, oldest first (a `.partial` from a crash is not one). */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => backupStartedAt(name) !== undefined).sort().map((name) => join(dir, name));
}

/** BACKUP_MINUTES (10 by default; 0 turns the timer off, the shutdown backup stays). */
export function backupEveryMs(env: NodeJS.ProcessEnv): number {
  const minutes = Number(env['BACKUP_MINUTES'] ?? 10);
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`BACKUP_MINUTES must be a number of minutes, got "${env['BACKUP_MINUTES']}"`);
  return minutes * 60_000;
}

/** Starts the timer; the first backup comes after one period. */
export function scheduleBackups(options: BackupOptions): BackupSchedule {
  const { backup, dir, everyMs, keep = 24, retryMs = 30_000, now = Date.now } = options;
  const log = options.log ?? ((line) => process.stdout.write(`${JSON.stringify(line)}\n`));
  let running: Promise<string | undefined> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const prune = (): void => {
    const all = listBackups(dir);
    for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old, { force: true });
    for (const name of readdirSync(dir)) if (name.endsWith('.partial') && !running) rmSync(join(dir, name), { force: true });
  };

  const attempt = async (): Promise<string | undefined> => {
    const startedAt = now();
    const file = join(dir, backupName(startedAt));
    const partial = `${file}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      await backup(partial);
      renameSync(partial, file);
      log({ t: new Date().toISOString(), backup: 'ok', file, ms: now() - startedAt });
      options.onResult?.('ok');
      return file;
    } catch (error) {
      try { rmSync(partial, { force: true }); } catch { /* the folder itself may be what failed */ }
      log({ t: new Date().toISOString(), backup: 'failed', dir, error: error instanceof Error ? error.message : String(error) });
      options.onResult?.('failed');
      return undefined;
    }
  };

  const runOnce = async (): Promise<string | undefined> => {
    if (running) return running; // one at a time: a slow disk must not stack copies up
    running = attempt();
    try {
      return await running;
    } finally {
      running = undefined;
      try { prune(); } catch { /* pruning again next time */ }
    }
  };

  const arm = (ms: number): void => {
    if (stopped || everyMs <= 0) return;
    timer = setTimeout(() => void runOnce().then((file) => arm(file ? everyMs : Math.min(everyMs, retryMs))), ms);
    timer.unref();
  };
  arm(everyMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running) await running;
      return runOnce();
    },
  };
}
