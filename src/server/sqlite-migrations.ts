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
