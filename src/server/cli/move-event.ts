// `npm run move-event -- --from data/diemdanh.sqlite --to postgres://… --event 1`: moves one event
// from the embedded store to PostgreSQL when a campaign outgrows one process. The SQLite file is
// only read (its schema is brought up to date first, as the server would); the import is one
// transaction and refuses an event the target already has. Fact seqs are kept and the roster log
// continues after the old roster seq, so desks keep both their cursors.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { EventDump, ImportSummary } from '../store/pg/import-event.ts';
import { isPostgresUrl } from '../store/pg/pool.ts';
import { PgStore } from '../store/pg/pg-store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

interface DeviceRow {
  id: string; desk_id: string; name: string; token_hash: string; created_at: number;
  last_seen: number | null; app_version: string | null; pending: number; revoked_at: number | null;
}
interface CoordinatorRow { username: string; password_hash: string | null; password_salt: string | null; created_at: number }
interface ExtraRow { no: number; id_number: string | null; qr_mask: number | null; origin: string }
interface ShareRow { id: string; unit_id: number; token_hash: string; created_at: number; revoked_at: number | null }

/** Raw rows the Store port does not hand out (token hashes, account hashes), read from the file. */
function readSecrets(file: string, eventId: number): Pick<EventDump, 'devices' | 'coordinators' | 'rosterExtras' | 'shareLinks'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const devices = (db.prepare('SELECT * FROM devices WHERE event_id = ? ORDER BY created_at, id').all(eventId) as DeviceRow[]).map((d) => ({
      id: d.id, eventId, deskId: d.desk_id, name: d.name, tokenHash: d.token_hash, createdAt: d.created_at, pending: d.pending,
      ...(d.last_seen !== null && { lastSeen: d.last_seen }), ...(d.app_version !== null && { appVersion: d.app_version }),
      ...(d.revoked_at !== null && { revokedAt: d.revoked_at }),
    }));
    const coordinators = (db.prepare('SELECT username, password_hash, password_salt, created_at FROM coordinators ORDER BY username')
      .all() as CoordinatorRow[]).map((c) => ({
      username: c.username, createdAt: c.created_at,
      ...(c.password_hash !== null && c.password_salt !== null && { passwordHash: c.password_hash, passwordSalt: c.password_salt }),
    }));
    const rosterExtras = (db.prepare('SELECT no, id_number, qr_mask, origin FROM participants WHERE event_id = ? ORDER BY no')
      .all(eventId) as ExtraRow[]).map((r) => ({ no: r.no, idNumber: r.id_number, qrMask: r.qr_mask, origin: r.origin }));
    const shareLinks = (db.prepare('SELECT id, unit_id, token_hash, created_at, revoked_at FROM share_links WHERE event_id = ? ORDER BY created_at, rowid')
      .all(eventId) as ShareRow[]).map((l) => ({
      id: l.id, eventId, unitId: l.unit_id, tokenHash: l.token_hash, createdAt: l.created_at, ...(l.revoked_at !== null && { revokedAt: l.revoked_at }),
    }));
    return { devices, coordinators, rosterExtras, shareLinks };
  } finally {
    db.close();
  }
}

/** Everything the SQLite file holds about the event, or undefined when it has no such event. */
export async function exportEvent(file: string, eventId: number): Promise<EventDump | undefined> {
  if (!existsSync(file)) throw new Error(`no SQLite file at ${file}`);
  const store = new SqliteStore(file);
  try {
    const pkg = store.getPackage(eventId);
    const privateKey = store.getPrivateKey(eventId);
    if (!pkg || privateKey === undefined) return undefined;
    return {
      event: {
        event: pkg.event, units: pkg.units, desks: pkg.desks, participants: pkg.participants,
        keys: { publicKey: pkg.publicKey, privateKey },
      },
      version: pkg.version,
      rosterSeq: pkg.rosterSeq ?? 0,
      revokedCodes: pkg.revokedCodes,
      facts: store.factsOf(eventId).facts,
      registration: store.registrationOf(eventId)!,
      reviews: store.factReviews(eventId),
      ...readSecrets(file, eventId),
    };
  } finally {
    store.close();
  }
}

/** Exports from `from` and imports into the PostgreSQL at `to`; throws EventExistsError when it is there already. */
export async function moveEvent(args: { from: string; to: string; eventId: number }): Promise<ImportSummary> {
  const dump = await exportEvent(args.from, args.eventId);
  if (!dump) throw new Error(`event ${args.eventId} is not in ${args.from}`);
  const store = await PgStore.open(args.to);
  try {
    return await store.importEvent(dump);
  } finally {
    await store.close();
  }
}

function parseArgs(argv: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(from|to|event)(?:=(.*))?$/.exec(argv[i]!);
    if (match) args[match[1]!] = match[2] ?? argv[++i] ?? '';
  }
  return args;
}

const USAGE = 'usage: npm run move-event -- --event <id> [--from <file.sqlite>] [--to postgres://…]\n'
  + '  --from defaults to $DATA_DIR/diemdanh.sqlite (./data), --to to $DATABASE_URL';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const from = resolve(args['from'] ?? join(process.env['DATA_DIR'] ?? './data', 'diemdanh.sqlite'));
  const to = args['to'] ?? process.env['DATABASE_URL'] ?? '';
  const eventId = Number(args['event']);
  if (!Number.isInteger(eventId) || eventId <= 0 || !isPostgresUrl(to)) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const moved = await moveEvent({ from, to, eventId });
    console.log(`Điểm danh: event ${eventId} moved: ${moved.participants} participants, ${moved.facts} check-ins, `
      + `${moved.devices} devices, ${moved.coordinatorsAdded} coordinator accounts added.`);
  } catch (error) {
    console.error(`Điểm danh: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
