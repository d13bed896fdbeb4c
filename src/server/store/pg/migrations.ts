// Schema history of the PostgreSQL store. Append only, like sqlite-migrations.ts: a shipped
// migration is never edited, because schema_migrations records which ones a database has run.
import type { Pool, PoolClient } from 'pg';

/** Advisory-lock key pair (namespace, id) that serialises migrations across server processes. */
const MIGRATION_LOCK = [0x6464, 1] as const;

/**
 * Ordered DDL; entry i brings a database from version i to i + 1. Version 1 is the whole
 * schema the embedded store reached with its migrations 1 and 2, in PostgreSQL types. This file
 * is the schema's history and only grows, so it may pass the usual 300 lines.
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
  // 2: the whole ingest of a batch as one statement. The event's cursor row is locked inside the
  // database, so the lock is held only while PostgreSQL works, never across a network round trip
  // or a busy Node event loop. Same rules as SqliteFactLog: insert-or-ignore on the fact id, then
  // in each touched (person, checkpoint) group, ordered by corrected time then id (byte order),
  // the first admission not voided stands and every later one not voided is a duplicate.
  // Each LATERAL (OFFSET 0 / LIMIT 1) stays a per-group index probe whatever the statistics say.
  `
  CREATE FUNCTION ingest_facts(p_event BIGINT, p_received BIGINT, p_facts JSONB)
  RETURNS TABLE (out_inserted TEXT[], out_cursor BIGINT)
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_last BIGINT;
    v_new TEXT[];
    v_max BIGINT;
    v_set TEXT[];
    v_clear TEXT[];
  BEGIN
    SELECT c.last_seq INTO v_last FROM fact_cursors c WHERE c.event_id = p_event FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'facts for unknown event %', p_event USING ERRCODE = 'foreign_key_violation';
    END IF;

    WITH added AS (
      INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method, device_id,
        desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      SELECT p_event, v_last + r.ord, r.id, r.kind, r.person_key, r.unit_id, r.category, r.checkpoint, r.method,
        r.device_id, r.desk_id, r.device_time, r.clock_offset_ms, r.voids, r.walk_in, r.unknown, p_received
      FROM jsonb_to_recordset(p_facts) AS r(ord BIGINT, id TEXT, kind TEXT, person_key TEXT, unit_id BIGINT,
        category TEXT, checkpoint TEXT, method TEXT, device_id TEXT, desk_id TEXT, device_time BIGINT,
        clock_offset_ms BIGINT, voids TEXT, walk_in JSONB, unknown BOOLEAN)
      ORDER BY r.ord
      ON CONFLICT (id) DO NOTHING
      RETURNING facts.id, facts.seq
    )
    SELECT array_agg(a.id), max(a.seq) INTO v_new, v_max FROM added a;

    IF v_max IS NOT NULL THEN
      WITH batch AS (
        SELECT r.kind, r.person_key, r.checkpoint, r.voids
        FROM jsonb_to_recordset(p_facts) AS r(id TEXT, kind TEXT, person_key TEXT, checkpoint TEXT, voids TEXT)
        WHERE r.id = ANY(v_new)
      ), touched AS (
        SELECT b.person_key, b.checkpoint FROM batch b WHERE b.kind = 'admit'
        UNION
        SELECT t.person_key, t.checkpoint FROM facts t
        WHERE t.id = ANY(ARRAY(SELECT b.voids FROM batch b WHERE b.kind = 'void' AND b.voids IS NOT NULL))
          AND t.event_id = p_event AND t.kind = 'admit'
      ), groups AS (
        SELECT g.person_key, g.checkpoint, row_number() OVER () AS grp FROM touched g
      ), admissions AS (
        SELECT g.grp, a.id, a.at, a.duplicate, v.voided IS NOT NULL AS voided
        FROM groups g
        CROSS JOIN LATERAL (SELECT f.id, f.device_time + f.clock_offset_ms AS at, f.duplicate FROM facts f
          WHERE f.event_id = p_event AND f.person_key = g.person_key AND f.checkpoint = g.checkpoint
            AND f.kind = 'admit' OFFSET 0) a
        LEFT JOIN LATERAL (SELECT 1 AS voided FROM facts v
          WHERE v.voids = a.id AND v.event_id = p_event AND v.kind = 'void' LIMIT 1) v ON TRUE
      ), flagged AS (
        SELECT s.id, s.duplicate, NOT s.voided AND COUNT(*) FILTER (WHERE NOT s.voided) OVER (PARTITION BY s.grp
          ORDER BY s.at, s.id COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > 0 AS should
        FROM admissions s
      )
      SELECT array_agg(x.id) FILTER (WHERE x.should AND NOT x.duplicate),
             array_agg(x.id) FILTER (WHERE x.duplicate AND NOT x.should)
      INTO v_set, v_clear FROM flagged x;
      v_set := coalesce(v_set, '{}');
      v_clear := coalesce(v_clear, '{}');
      IF cardinality(v_set) + cardinality(v_clear) > 0 THEN
        UPDATE facts SET duplicate = (id = ANY(v_set)) WHERE id = ANY(v_set || v_clear);
      END IF;
      UPDATE fact_cursors SET last_seq = v_max WHERE event_id = p_event;
    END IF;

    out_inserted := coalesce(v_new, '{}');
    out_cursor := greatest(v_last, coalesce(v_max, v_last));
    RETURN NEXT;
  END
  $fn$;
  `,
  // 3: unit leaders' share links, and the roster's change log (kept by triggers, as in SQLite's
  // migration 4) from which desks fetch only what changed.
  `
  CREATE TABLE share_links (
    id TEXT PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    position BIGSERIAL,
    FOREIGN KEY (event_id, unit_id) REFERENCES units(event_id, id)
  );
  CREATE INDEX share_links_by_event ON share_links(event_id, created_at, position);

  CREATE TABLE roster_changes (
    seq BIGSERIAL PRIMARY KEY,
    event_id BIGINT NOT NULL,
    no BIGINT NOT NULL
  );
  CREATE INDEX roster_changes_by_event ON roster_changes(event_id, seq);
  CREATE FUNCTION log_roster_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND (TG_OP = 'DELETE' OR OLD.no <> NEW.no OR OLD.event_id <> NEW.event_id) THEN
      INSERT INTO roster_changes (event_id, no) VALUES (OLD.event_id, OLD.no);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO roster_changes (event_id, no) VALUES (NEW.event_id, NEW.no);
    END IF;
    RETURN NULL;
  END
  $fn$;
  -- Only what a desk holds counts as a change: server-only columns do not.
  CREATE TRIGGER participants_logged AFTER INSERT OR DELETE OR UPDATE OF event_id, no, name, phone, unit_id, category ON participants
    FOR EACH ROW EXECUTE FUNCTION log_roster_change();
  INSERT INTO roster_changes (event_id, no) SELECT event_id, no FROM participants ORDER BY event_id, no;
  `,
  // 4: event set-up, as SQLite's migration 5: ID numbers (server only), the QR mask chosen once per
  // code, where a person came from, and the self-registration settings. None of these columns is
  // in the change-log trigger's list, so filling them in is not a roster change.
  `
  ALTER TABLE participants ADD COLUMN id_number TEXT;
  ALTER TABLE participants ADD COLUMN qr_mask INTEGER;          -- NULL: not chosen yet; -1: the writer's own choice
  ALTER TABLE participants ADD COLUMN origin TEXT NOT NULL DEFAULT 'roster'; -- roster | import | self | walk-in | reissue
  CREATE INDEX participants_by_phone ON participants(event_id, phone) WHERE phone <> '';
  CREATE INDEX facts_by_unit ON facts(event_id, unit_id);
  CREATE TABLE registration (
    event_id BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    open BOOLEAN NOT NULL DEFAULT FALSE,
    closes_at BIGINT,                    -- epoch ms; NULL: open until closed by hand
    caps JSONB NOT NULL DEFAULT '{}'     -- unit id -> cap
  );
  `,
  // 5: the stored duplicate flag goes (issue 13), as in SQLite's migration 6: settling it over a
  // person's whole group on every insert made ingest quadratic, and domain/standing.ts now decides
  // it where it is read. ingest_facts() is replaced by one that only stores and moves the cursor,
  // so a batch costs O(batch) whatever the log holds.
  `
  DROP FUNCTION ingest_facts(BIGINT, BIGINT, JSONB);
  ALTER TABLE facts DROP COLUMN duplicate;
  CREATE FUNCTION ingest_facts(p_event BIGINT, p_received BIGINT, p_facts JSONB)
  RETURNS TABLE (out_inserted TEXT[], out_cursor BIGINT)
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_last BIGINT;
    v_new TEXT[];
    v_max BIGINT;
  BEGIN
    SELECT c.last_seq INTO v_last FROM fact_cursors c WHERE c.event_id = p_event FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'facts for unknown event %', p_event USING ERRCODE = 'foreign_key_violation';
    END IF;

    WITH added AS (
      INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method, device_id,
        desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      SELECT p_event, v_last + r.ord, r.id, r.kind, r.person_key, r.unit_id, r.category, r.checkpoint, r.method,
        r.device_id, r.desk_id, r.device_time, r.clock_offset_ms, r.voids, r.walk_in, r.unknown, p_received
      FROM jsonb_to_recordset(p_facts) AS r(ord BIGINT, id TEXT, kind TEXT, person_key TEXT, unit_id BIGINT,
        category TEXT, checkpoint TEXT, method TEXT, device_id TEXT, desk_id TEXT, device_time BIGINT,
        clock_offset_ms BIGINT, voids TEXT, walk_in JSONB, unknown BOOLEAN)
      ORDER BY r.ord
      ON CONFLICT (id) DO NOTHING
      RETURNING facts.id, facts.seq
    )
    SELECT array_agg(a.id), max(a.seq) INTO v_new, v_max FROM added a;

    IF v_max IS NOT NULL THEN
      UPDATE fact_cursors SET last_seq = v_max WHERE event_id = p_event;
    END IF;

    out_inserted := coalesce(v_new, '{}');
    out_cursor := greatest(v_last, coalesce(v_max, v_last));
    RETURN NEXT;
  END
  $fn$;
  `,

  // 6: review flags on stored facts, as SQLite's migration 7.
  `
  CREATE TABLE fact_reviews (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    fact_id TEXT NOT NULL,
    reason TEXT NOT NULL,                -- unverified | claim-mismatch
    claimed_unit_id BIGINT,
    claimed_category TEXT,
    flagged_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, fact_id, reason)
  );
  `,

  // 7: archived events, as SQLite's migration 8.
  `
  ALTER TABLE events ADD COLUMN archived_at BIGINT;
  `,

  // 8: each desk's readiness, as SQLite's migration 9.
  `
  ALTER TABLE devices ADD COLUMN readiness JSONB;
  `,

  // 9: a fact is known by (event, id), as SQLite's migration 10 (issue 13): the same id pushed into
  // two events is two facts. ingest_facts() is replaced only to name the new key in ON CONFLICT;
  // everything else is version 5's.
  `
  ALTER TABLE facts DROP CONSTRAINT facts_id_key;
  ALTER TABLE facts ADD CONSTRAINT facts_event_id_id_key UNIQUE (event_id, id);
  CREATE OR REPLACE FUNCTION ingest_facts(p_event BIGINT, p_received BIGINT, p_facts JSONB)
  RETURNS TABLE (out_inserted TEXT[], out_cursor BIGINT)
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_last BIGINT;
    v_new TEXT[];
    v_max BIGINT;
  BEGIN
    SELECT c.last_seq INTO v_last FROM fact_cursors c WHERE c.event_id = p_event FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'facts for unknown event %', p_event USING ERRCODE = 'foreign_key_violation';
    END IF;

    WITH added AS (
      INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method, device_id,
        desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      SELECT p_event, v_last + r.ord, r.id, r.kind, r.person_key, r.unit_id, r.category, r.checkpoint, r.method,
        r.device_id, r.desk_id, r.device_time, r.clock_offset_ms, r.voids, r.walk_in, r.unknown, p_received
      FROM jsonb_to_recordset(p_facts) AS r(ord BIGINT, id TEXT, kind TEXT, person_key TEXT, unit_id BIGINT,
        category TEXT, checkpoint TEXT, method TEXT, device_id TEXT, desk_id TEXT, device_time BIGINT,
        clock_offset_ms BIGINT, voids TEXT, walk_in JSONB, unknown BOOLEAN)
      ORDER BY r.ord
      ON CONFLICT (event_id, id) DO NOTHING
      RETURNING facts.id, facts.seq
    )
    SELECT array_agg(a.id), max(a.seq) INTO v_new, v_max FROM added a;

    IF v_max IS NOT NULL THEN
      UPDATE fact_cursors SET last_seq = v_max WHERE event_id = p_event;
    END IF;

    out_inserted := coalesce(v_new, '{}');
    out_cursor := greatest(v_last, coalesce(v_max, v_last));
    RETURN NEXT;
  END
  $fn$;
  `,

  // 10: a roster's birth year, as SQLite's migration 11. Desks hold it, so the change-log trigger
  // now fires when it changes.
  `
  ALTER TABLE participants ADD COLUMN birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100);
  DROP TRIGGER participants_logged ON participants;
  CREATE TRIGGER participants_logged AFTER INSERT OR DELETE OR UPDATE OF event_id, no, name, phone, unit_id, category, birth_year ON participants
    FOR EACH ROW EXECUTE FUNCTION log_roster_change();
  `,

  // 11: badges are drawn at level Q now (issue 12), as SQLite's migration 12: a mask chosen for a code's level-M
  // symbol says nothing about its level-Q one, so every stored choice is forgotten and made again
  // (in a worker thread) before the code is next drawn. Not a roster change: desks hold no masks.
  `
  UPDATE participants SET qr_mask = NULL WHERE qr_mask IS NOT NULL;
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
