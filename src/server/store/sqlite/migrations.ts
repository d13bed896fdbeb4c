// Schema history of the embedded store. Append only: a shipped migration is never edited,
// because `PRAGMA user_version` records how many of them a data file has already run.
import type Database from 'better-sqlite3';

/** Ordered DDL; entry i brings a database from user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    venue TEXT NOT NULL,
    date TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    opens_at TEXT NOT NULL,
    arrive_by TEXT,
    starts_at TEXT,
    checkpoints TEXT NOT NULL,      -- JSON array of Checkpoint
    targets TEXT NOT NULL,          -- JSON object checkpoint -> count
    version INTEGER NOT NULL DEFAULT 1
  ) STRICT;

  CREATE TABLE event_keys (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,       -- raw Ed25519, base64url
    private_key TEXT NOT NULL       -- PKCS#8 DER, base64; never leaves the server
  ) STRICT;

  CREATE TABLE units (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    grp TEXT,
    leader_name TEXT,
    leader_phone TEXT,
    quotas TEXT NOT NULL,           -- JSON array of {category, quota}
    slot_from TEXT,
    slot_to TEXT,
    PRIMARY KEY (event_id, id)
  ) STRICT;

  CREATE TABLE desks (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, id)
  ) STRICT;

  CREATE TABLE participants (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (event_id, no),
    FOREIGN KEY (event_id, unit_id) REFERENCES units(event_id, id)
  ) STRICT;
  CREATE INDEX participants_by_unit ON participants(event_id, unit_id, no);

  CREATE TABLE revoked_codes (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    no INTEGER NOT NULL,
    PRIMARY KEY (event_id, no)
  ) STRICT;
  `,
  // 2: the check-in log, paired devices and coordinator accounts (issue #3).
  `
  CREATE TABLE facts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order; commit order too, since SQLite has one writer
    id TEXT NOT NULL UNIQUE,               -- the fact's UUIDv7, made on the device
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('admit', 'void')),
    person_key TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    method TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk_id TEXT NOT NULL,
    device_time INTEGER NOT NULL,
    clock_offset_ms INTEGER NOT NULL,
    voids TEXT,
    walk_in TEXT,                          -- JSON WalkIn
    unknown INTEGER NOT NULL DEFAULT 0,    -- the desk said so, or the code number is not on the roster
    received_at INTEGER NOT NULL,
    duplicate INTEGER NOT NULL DEFAULT 0   -- a later standing admission of a person already admitted
  ) STRICT;
  CREATE INDEX facts_by_event ON facts(event_id, seq);
  CREATE INDEX facts_by_person ON facts(event_id, person_key, checkpoint);
  CREATE INDEX facts_by_voids ON facts(voids) WHERE voids IS NOT NULL;

  CREATE TABLE devices (                 -- one row per pairing of a device with an event
    id TEXT NOT NULL,                      -- made by the device itself (or by the server when it has none)
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    desk_id TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,       -- sha256 of the bearer token; the token itself is never stored
    created_at INTEGER NOT NULL,
    last_seen INTEGER,
    app_version TEXT,
    pending INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER,
    PRIMARY KEY (event_id, id)
  ) STRICT;
  CREATE INDEX devices_by_id ON devices(id);

  CREATE TABLE pairing_codes (
    code_hash TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  ) STRICT;

  CREATE TABLE coordinators (
    username TEXT PRIMARY KEY,
    password_hash TEXT,                    -- scrypt output, hex; NULL until the password is set
    password_salt TEXT,
    setup_token_hash TEXT UNIQUE,          -- sha256 of the one-time setup link's token
    setup_expires_at INTEGER,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,              -- sha256 of the cookie value
    username TEXT NOT NULL REFERENCES coordinators(username) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  // 3: unit leaders' read-only share links (issue #4).
  `
  CREATE TABLE share_links (
    id TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,       -- sha256 of the link's token; the token itself is never stored
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    FOREIGN KEY (event_id, unit_id) REFERENCES units(event_id, id)
  ) STRICT;
  CREATE INDEX share_links_by_event ON share_links(event_id, created_at);
  `,
  // 4: the roster's change log, so desks fetch what changed instead of the whole roster (issue #3).
  // Triggers write it, so every path that touches participants (seeding, imports, edits) is covered.
  `
  CREATE TABLE roster_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL,
    no INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX roster_changes_by_event ON roster_changes(event_id, seq);
  CREATE TRIGGER participants_logged_insert AFTER INSERT ON participants BEGIN
    INSERT INTO roster_changes (event_id, no) VALUES (NEW.event_id, NEW.no);
  END;
  -- Only what a desk holds counts as a change: server-only columns (a QR mask chosen later) do not.
  CREATE TRIGGER participants_logged_update AFTER UPDATE OF event_id, no, name, phone, unit_id, category ON participants BEGIN
    INSERT INTO roster_changes (event_id, no) SELECT OLD.event_id, OLD.no WHERE OLD.no <> NEW.no OR OLD.event_id <> NEW.event_id;
    INSERT INTO roster_changes (event_id, no) VALUES (NEW.event_id, NEW.no);
  END;
  CREATE TRIGGER participants_logged_delete AFTER DELETE ON participants BEGIN
    INSERT INTO roster_changes (event_id, no) VALUES (OLD.event_id, OLD.no);
  END;
  INSERT INTO roster_changes (event_id, no) SELECT event_id, no FROM participants ORDER BY event_id, no;
  `,
  // 5: set-up of events (issue #5): ID numbers for duplicate checks (server only, never sent to
  // desks), the QR mask chosen once per code, and where a person came from.
  `
  ALTER TABLE participants ADD COLUMN id_number TEXT;
  ALTER TABLE participants ADD COLUMN qr_mask INTEGER;          -- NULL: not chosen yet; -1: the writer's own choice
  ALTER TABLE participants ADD COLUMN origin TEXT NOT NULL DEFAULT 'roster'; -- roster | import | self | walk-in
  CREATE INDEX participants_by_phone ON participants(event_id, phone) WHERE phone <> '';
  CREATE INDEX facts_by_unit ON facts(event_id, unit_id);
  CREATE TABLE registration (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    open INTEGER NOT NULL DEFAULT 0,
    closes_at INTEGER,                   -- epoch ms; NULL: open until closed by hand
    caps TEXT NOT NULL DEFAULT '{}'      -- JSON unit id -> cap
  ) STRICT;
  `,
  // 6: the stored duplicate flag goes (issue 13). It was re-settled over a person's whole group on
  // every insert, which made ingest quadratic, and readers derived it anyway: now domain/standing.ts
  // decides it where it is read. No index or constraint names the column, so SQLite can drop it.
  `
  ALTER TABLE facts DROP COLUMN duplicate;
  `,

  // 7: review flags on stored facts (issue 13): a scan without a signed code, or a desk's unit
  // the roster contradicts. A table of its own, so the facts table and its ingest stay as they are.
  `
  CREATE TABLE fact_reviews (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    fact_id TEXT NOT NULL,
    reason TEXT NOT NULL,                -- unverified | claim-mismatch
    claimed_unit_id INTEGER,
    claimed_category TEXT,
    flagged_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, fact_id, reason)
  ) STRICT;
  `,

  // 8: a coordinator may archive an event (issue 15): kept whole, hidden from the lists.
  `
  ALTER TABLE events ADD COLUMN archived_at INTEGER;
  `,

  // 9: each desk's readiness check as it last reported it (issue 14), for the coordinator's list.
  `
  ALTER TABLE devices ADD COLUMN readiness TEXT;
  `,

  // 10: a fact is known by (event, id), not by its id alone (issue 13): the same id pushed into
  // two events is two facts, and no lookup by id can reach another event's. SQLite cannot drop a
  // UNIQUE constraint, so the table is rebuilt: rows copied with their seqs, the AUTOINCREMENT
  // counter carried over (it may stand above the highest seq held, and seqs are never reused),
  // then every index made again. No trigger, view or foreign key names facts.
  `
  CREATE TABLE facts_v10 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order; commit order too, since SQLite has one writer
    id TEXT NOT NULL,                      -- the fact's UUIDv7, made on the device; unique within its event
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('admit', 'void')),
    person_key TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    checkpoint TEXT NOT NULL,
    method TEXT NOT NULL,
    device_id TEXT NOT NULL,
    desk_id TEXT NOT NULL,
    device_time INTEGER NOT NULL,
    clock_offset_ms INTEGER NOT NULL,
    voids TEXT,
    walk_in TEXT,                          -- JSON WalkIn
    unknown INTEGER NOT NULL DEFAULT 0,    -- the desk said so, or the code number is not on the roster
    received_at INTEGER NOT NULL,
    UNIQUE (event_id, id)
  ) STRICT;
  INSERT INTO facts_v10 (seq, id, event_id, kind, person_key, unit_id, category, checkpoint, method, device_id,
    desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
  SELECT seq, id, event_id, kind, person_key, unit_id, category, checkpoint, method, device_id,
    desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at FROM facts ORDER BY seq;
  DELETE FROM sqlite_sequence WHERE name = 'facts_v10';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'facts_v10', seq FROM sqlite_sequence WHERE name = 'facts';
  DROP TABLE facts;
  ALTER TABLE facts_v10 RENAME TO facts;
  CREATE INDEX facts_by_event ON facts(event_id, seq);
  CREATE INDEX facts_by_person ON facts(event_id, person_key, checkpoint);
  CREATE INDEX facts_by_voids ON facts(event_id, voids) WHERE voids IS NOT NULL;
  CREATE INDEX facts_by_unit ON facts(event_id, unit_id);
  `,

  // 11: a roster's birth year (issue 12), the year only: desks receive it to match a citizen ID
  // card by name and year offline. Desks hold it, so the change-log trigger now watches it too.
  `
  ALTER TABLE participants ADD COLUMN birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100);
  DROP TRIGGER participants_logged_update;
  CREATE TRIGGER participants_logged_update AFTER UPDATE OF event_id, no, name, phone, unit_id, category, birth_year ON participants BEGIN
    INSERT INTO roster_changes (event_id, no) SELECT OLD.event_id, OLD.no WHERE OLD.no <> NEW.no OR OLD.event_id <> NEW.event_id;
    INSERT INTO roster_changes (event_id, no) VALUES (NEW.event_id, NEW.no);
  END;
  `,

  // 12: badges are drawn at level Q now (issue 12): a mask chosen for a code's level-M
  // symbol says nothing about its level-Q one, so every stored choice is forgotten and made again
  // (in a worker thread) before the code is next drawn. Not a roster change: desks hold no masks.
  `
  UPDATE participants SET qr_mask = NULL WHERE qr_mask IS NOT NULL;
  `,
];

/** Runs the migrations a file has not seen yet, each in its own transaction with its version bump. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    })();
  });
}
