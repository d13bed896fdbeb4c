// Coordinator accounts and sessions read in SQLite; secrets only as hashes. Setting a password,
// spending a setup token and starting a session are rules (../rules/access-rules.ts).
import type Database from 'better-sqlite3';
import type { CoordinatorRecord } from '../store.ts';

interface CoordinatorRow { username: string; password_hash: string | null; password_salt: string | null }

function coordinatorFromRow(row: CoordinatorRow): CoordinatorRecord {
  const account: CoordinatorRecord = { username: row.username };
  if (row.password_hash !== null && row.password_salt !== null) {
    account.passwordHash = row.password_hash;
    account.passwordSalt = row.password_salt;
  }
  return account;
}

/** The coordinators and sessions tables behind SqliteStore. */
export class SqliteAccounts {
  readonly #list: Database.Statement;
  readonly #get: Database.Statement;
  readonly #sessionUser: Database.Statement;
  readonly #deleteSession: Database.Statement;

  constructor(db: Database.Database) {
    const columns = 'username, password_hash, password_salt';
    this.#list = db.prepare(`SELECT ${columns} FROM coordinators ORDER BY username`);
    this.#get = db.prepare(`SELECT ${columns} FROM coordinators WHERE username = ?`);
    this.#sessionUser = db.prepare('SELECT username FROM sessions WHERE id_hash = ? AND expires_at > ?').pluck();
    this.#deleteSession = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  }

  list(): CoordinatorRecord[] {
    return (this.#list.all() as CoordinatorRow[]).map(coordinatorFromRow);
  }

  get(username: string): CoordinatorRecord | undefined {
    const row = this.#get.get(username) as CoordinatorRow | undefined;
    return row && coordinatorFromRow(row);
  }

  sessionUser(idHash: string, now: number): string | undefined {
    return this.#sessionUser.get(idHash, now) as string | undefined;
  }

  deleteSession(idHash: string): void {
    this.#deleteSession.run(idHash);
  }
}
