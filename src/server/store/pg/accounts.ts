// Coordinator accounts and sessions read in PostgreSQL; secrets only as hashes. Setting a
// password, spending a setup token and starting a session are rules (../rules/access-rules.ts).
import type { Pool } from 'pg';
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

  async sessionUser(idHash: string, now: number): Promise<string | undefined> {
    const { rows } = await this.#pool.query<{ username: string }>(
      'SELECT username FROM sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, now]);
    return rows[0]?.username;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }
}
