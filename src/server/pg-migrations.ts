// Schema history of the PostgreSQL store. Append only, like sqlite-migrations.ts: a shipped
// migration is never edited, because schema_migrations records which ones a database has run.
import type { Pool, PoolClient } from 'pg';

/** Advisory-lock key pair (namespace, id) that serialises migrations across server processes. */
const MIGRATION_LOCK = [0x6464, 1] as const;

/**
 * Ordered DDL; entry i brings a database from version i to i + 1. Version 1 is the whole
 * schema the embedded store reached with its migrations 1 and 2, in PostgreSQL types.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    venue TEXT NOT NULL,
    date TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    arrive_by TEXT,
    starts_at TEXT,
    checkpoints JSONB NOT NULL,
    targets JSONB NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
  );

  CREATE TABLE event_keys (
    event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,       -- raw Ed25519, base64url
    private_key TEXT NOT NULL       -- PKCS#8 DER, base64; never leaves the server
  );

  CREATE TABLE units (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    grp TEXT,
    leader_name TEXT,
    leader_phone TEXT,
    quotas JSONB NOT NULL,
    slot_from TEXT,
    slot_to TEXT,
    PRIMARY KEY (event_id, id)
  );

  CREATE TABLE desks (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, id)
  );

  CREATE TABLE participants (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    no BIGINT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (event_id, no),
    FOREIGN KEY (event_id, unit_id) REFERENCES units(event_id, id)
  );
  CREATE INDEX participants_by_unit ON participants(event_id, unit_id, no);

  CREATE TABLE revoked_codes (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    no BIGINT NOT NULL,
    PRIMARY KEY (event_id, no)
  );

  -- The event's highest seq. Ingest locks this row, so one event's batches commit one at a
  -- time in seq order: a reader that saw seq n can never later find a smaller one appear.
  CREATE TABLE fact_cursors (
    event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL DEFAULT 0
  );

  CREATE TABLE facts (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL CHECK (seq > 0),    -- arrival order within the event
    id TEXT NOT NULL UNIQUE,               -- the fact's UUIDv7, made on the device
    kind TEXT NOT NULL CHECK (kind IN ('admit', 'void')),
    person_key TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    method TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk_id TEXT NOT NULL,
    device_time BIGINT NOT NULL,
    clock_offset_ms BIGINT NOT NULL,
    voids TEXT,
    walk_in JSONB,
    unknown BOOLEAN NOT NULL DEFAULT FALSE,
    received_at BIGINT NOT NULL,
    duplicate BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (event_id, seq)
  );
  CREATE INDEX facts_by_person ON facts(event_id, person_key, checkpoint);
  CREATE INDEX facts_by_voids ON facts(voids, event_id) WHERE voids IS NOT NULL;

  CREATE TABLE devices (
    id TEXT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    desk_id TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,       -- sha256 of the bearer token; the token itself is never stored
    created_at BIGINT NOT NULL,
    last_seen BIGINT,
    app_version TEXT,
    pending BIGINT NOT NULL DEFAULT 0,
    revoked_at BIGINT,
    PRIMARY KEY (event_id, id)
  );
  CREATE INDEX devices_by_id ON devices(id);

  CREATE TABLE pairing_codes (
    code_hash TEXT PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
  );

  CREATE TABLE coordinators (
    username TEXT PRIMARY KEY,
    password_hash TEXT,
    password_salt TEXT,
    setup_token_hash TEXT UNIQUE,
    setup_expires_at BIGINT,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES coordinators(username) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
  );
  `,
];

async function appliedVersion(client: PoolClient): Promise<number> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

/**
 * Runs the migrations the database has not seen, each in its own transaction with its version
 * row. An advisory lock makes N processes starting at once run each migration exactly once.
 */
export async function migratePg(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      const current = await appliedVersion(client);
      for (let version = current + 1; version <= PG_MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(PG_MIGRATIONS[version - 1]!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return PG_MIGRATIONS.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
