// Coordinator accounts, setup tokens and sessions in SQLite; secrets only as hashes.
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
  readonly #db: Database.Database;
  readonly #list: Database.Statement;
  readonly #get: Database.Statement;
  readonly #ensure: Database.Statement;
  readonly #issueToken: Database.Statement;
  readonly #setPassword: Database.Statement;
  readonly #tokenOwner: Database.Statement;
  readonly #endSessions: Database.Statement;
  readonly #addSession: Database.Statement;
  readonly #sessionUser: Database.Statement;
  readonly #deleteSession: Database.Statement;
  readonly #purgeSessions: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    const columns = 'username, password_hash, password_salt';
    this.#list = db.prepare(`SELECT ${columns} FROM coordinators ORDER BY username`);
    this.#get = db.prepare(`SELECT ${columns} FROM coordinators WHERE username = ?`);
    this.#ensure = db.prepare('INSERT OR IGNORE INTO coordinators (username, created_at) VALUES (?, ?)');
    this.#issueToken = db.prepare('UPDATE coordinators SET setup_token_hash = ?, setup_expires_at = ? WHERE username = ?');
    this.#setPassword = db.prepare(`UPDATE coordinators SET password_hash = ?, password_salt = ?,
      setup_token_hash = NULL, setup_expires_at = NULL WHERE username = ?`);
    this.#tokenOwner = db.prepare('SELECT username FROM coordinators WHERE setup_token_hash = ? AND setup_expires_at > ?').pluck();
    this.#endSessions = db.prepare('DELETE FROM sessions WHERE username = ?');
    this.#addSession = db.prepare('INSERT INTO sessions (id_hash, username, expires_at) VALUES (?, ?, ?)');
    this.#sessionUser = db.prepare('SELECT username FROM sessions WHERE id_hash = ? AND expires_at > ?').pluck();
    this.#deleteSession = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
    this.#purgeSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  list(): CoordinatorRecord[] {
    return (this.#list.all() as CoordinatorRow[]).map(coordinatorFromRow);
  }

  get(username: string): CoordinatorRecord | undefined {
    const row = this.#get.get(username) as CoordinatorRow | undefined;
    return row && coordinatorFromRow(row);
  }

  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): void {
    this.#db.transaction(() => {
      this.#ensure.run(username, now);
      this.#issueToken.run(tokenHash, expiresAt, username);
    })();
  }

  /** A new password ends every session of the account: a leaked cookie dies with the old password. */
  setPassword(username: string, hash: string, salt: string, now: number): void {
    this.#db.transaction(() => {
      this.#ensure.run(username, now);
      this.#setPassword.run(hash, salt, username);
      this.#endSessions.run(username);
    })();
  }

  completeSetup(tokenHash: string, hash: string, salt: string, now: number): string | undefined {
    return this.#db.transaction(() => {
      const username = this.#tokenOwner.get(tokenHash, now) as string | undefined;
      if (username === undefined) return undefined;
      this.setPassword(username, hash, salt, now);
      return username;
    }).immediate();
  }

  /** Expired sessions are swept whenever a new one starts, so the table stays small without a timer. */
  createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): void {
    this.#purgeSessions.run(session.now);
    this.#addSession.run(session.idHash, session.username, session.expiresAt);
  }

  sessionUser(idHash: string, now: number): string | undefined {
    return this.#sessionUser.get(idHash, now) as string | undefined;
  }

  deleteSession(idHash: string): void {
    this.#deleteSession.run(idHash);
  }
}
