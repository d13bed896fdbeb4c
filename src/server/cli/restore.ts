// `npm run restore -- FILE`: puts a backup from DATA_DIR/backups/ (or any copy) back as the
// server's database. Stop the server first. The file is checked before anything is touched, and
// the database it replaces is kept beside it under a dated name, never deleted.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a restore did, for the message and the tests. */
export interface RestoreOutcome {
  target: string;
  /** Where the database it replaced went, if there was one. */
  keptAs?: string;
  facts: number;
}

/** Refuses a file that is not a sound Điểm danh database (cut short, another program's, not SQLite). */
function checkBackup(file: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity check says: ${String(integrity)}`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    for (const table of ['events', 'facts']) if (!tables.has(table)) throw new Error(`it has no ${table} table: not a Điểm danh database`);
    return db.prepare('SELECT count(*) FROM facts').pluck().get() as number;
  } catch (error) {
    throw new Error(`cannot restore ${file}: ${error instanceof Error ? error.message : String(error)} / không khôi phục được từ tệp này`);
  } finally {
    db?.close();
  }
}

/** Copies the backup in as DATA_DIR/diemdanh.sqlite, through a temporary file and a rename. */
export function restoreBackup(file: string, dataDir: string, now = new Date()): RestoreOutcome {
  const source = resolve(file);
  const facts = checkBackup(source);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, 'diemdanh.sqlite');
  let keptAs: string | undefined;
  if (existsSync(target)) {
    // The -wal holds the newest writes of the replaced file: it moves with it, under the same name.
    keptAs = join(dataDir, `diemdanh-replaced-${now.toISOString().replace(/[-:.]/g, '')}.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
  }
  const temp = `${target}.restoring`;
  copyFileSync(source, temp);
  const fd = openSync(temp, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(temp, target);
  return { target, keptAs, facts };
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('usage: npm run restore -- FILE   (DATA_DIR names the data folder, ./data by default; stop the server first)');
    process.exit(2);
  }
  const dataDir = resolve(process.env['DATA_DIR'] ?? './data');
  try {
    const outcome = restoreBackup(file, dataDir);
    console.log(`Điểm danh: restored ${outcome.facts} check-ins into ${outcome.target}`
      + (outcome.keptAs ? `; the database it replaced is kept as ${outcome.keptAs}` : '') + '. Start the server again.');
  } catch (error) {
    console.error(`Điểm danh: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
