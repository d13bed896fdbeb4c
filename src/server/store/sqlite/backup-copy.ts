// The embedded store's online backup, off the main thread: a worker opens its own read-only
// connection and copies one consistent snapshot with better-sqlite3's backup() in a single step.
// Copied a few pages at a time on the server's own connection, a store that desks write to
// without pause restarted the copy for ever (test/bench/venue-bench.ts), and a single step
// there would block every push for as long as the copy takes.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain CommonJS, so the worker needs no TypeScript loader. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// A read transaction pins one snapshot for the whole copy: the desks' commits meanwhile can
// neither restart it nor leak half into it.
db.exec('BEGIN');
db.prepare('SELECT count(*) FROM sqlite_master').get();
const done = (message) => { try { db.exec('COMMIT'); } catch {} db.close(); parentPort.postMessage(message); };
db.backup(workerData.target, { progress: ({ totalPages }) => Math.max(totalPages, 1) }).then(
  () => done({ ok: true }),
  (error) => done({ ok: false, error: String((error && error.message) || error) }),
);
`;

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Copies the database file `source` (WAL included) into `target`; rejects with SQLite's reason. */
export function backupInWorker(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: betterSqlite, source, target } });
    let settled = false;
    worker.once('message', (message: { ok: boolean; error?: string }) => {
      settled = true;
      if (message.ok) resolve();
      else reject(new Error(message.error ?? 'backup failed'));
    });
    worker.once('error', (error) => { settled = true; reject(error); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`backup worker exited with code ${code}`)); });
  });
}
