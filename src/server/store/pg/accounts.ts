// Coordinator accounts, setup tokens and sessions in PostgreSQL; secrets only as hashes.
// The same rules as sqlite-accounts.ts.
import type { Pool, PoolClient } from 'pg';
import { inTransaction, type Queryable } from './pool.ts';
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

const COLUMNS = 'username, password_hash, password_salt';

async function ensureAccount(db: Queryable, username: string, now: number): Promise<void> {
  await db.query('INSERT INTO coordinators (username, created_at) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING', [username, now]);
}

/** A new password ends every session of the account: a leaked cookie dies with the old password. */
async function writePassword(client: PoolClient, username: string, hash: string, salt: string, now: number): Promise<void> {
  await ensureAccount(client, username, now);
  await client.query(`UPDATE coordinators SET password_hash = $1, password_salt = $2,
    setup_token_hash = NULL, setup_expires_at = NULL WHERE username = $3`, [hash, salt, username]);
  await client.query('DELETE FROM sessions WHERE username = $1', [username]);
}

/** The coordinators and sessions tables behind PgStore. */
export class PgAccounts {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async list(): Promise<CoordinatorRecord[]> {
    const { rows } = await this.#pool.query<CoordinatorRow>(`SELECT ${COLUMNS} FROM coordinators ORDER BY username COLLATE "C"`);
    return rows.map(coordinatorFromRow);
  }

  async get(username: string): Promise<CoordinatorRecord | undefined> {
    const { rows } = await this.#pool.query<CoordinatorRow>(`SELECT ${COLUMNS} FROM coordinators WHERE username = $1`, [username]);
    return rows[0] && coordinatorFromRow(rows[0]);
  }

  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): Promise<void> {
    return inTransaction(this.#pool, async (client) => {
      await ensureAccount(client, username, now);
      await client.query('UPDATE coordinators SET setup_token_hash = $1, setup_expires_at = $2 WHERE username = $3',
        [tokenHash, expiresAt, username]);
    });
  }

  setPassword(username: string, hash: string, salt: string, now: number): Promise<void> {
    return inTransaction(this.#pool, (client) => writePassword(client, username, hash, salt, now));
  }

  /** FOR UPDATE: a setup token is spent once even when two processes receive it at the same moment. */
  completeSetup(tokenHash: string, hash: string, salt: string, now: number): Promise<string | undefined> {
    return inTransaction(this.#pool, async (client) => {
      const { rows } = await client.query<{ username: string }>(
        'SELECT username FROM coordinators WHERE setup_token_hash = $1 AND setup_expires_at > $2 FOR UPDATE', [tokenHash, now]);
      const username = rows[0]?.username;
      if (username === undefined) return undefined;
      await writePassword(client, username, hash, salt, now);
      return username;
    });
  }

  /** Expired sessions are swept whenever a new one starts, so the table stays small without a timer. */
  async createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): Promise<void> {
    await this.#pool.query('DELETE FROM sessions WHERE expires_at <= $1', [session.now]);
    await this.#pool.query('INSERT INTO sessions (id_hash, username, expires_at) VALUES ($1, $2, $3)',
      [session.idHash, session.username, session.expiresAt]);
  }

  async sessionUser(idHash: string, now: number): Promise<string | undefined> {
    const { rows } = await this.#pool.query<{ username: string }>(
      'SELECT username FROM sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, now]);
    return rows[0]?.username;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }
}
