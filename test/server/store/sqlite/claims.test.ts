// The claim lookups every push runs stay on an index: a search on the event alone would make
// each push cost the whole log (what once made ingest quadratic; see facts.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { SqliteClaims } from '../../../../src/server/store/sqlite/claims.ts';
import { openTempStore, type TempStore } from '../temp-store.ts';

describe('SqliteStore claim lookups', () => {
  let temp: TempStore | undefined;
  afterEach(() => { temp?.remove(); temp = undefined; });

  it('looks facts up by id and people by number, never by the event alone', async () => {
    temp = await openTempStore();
    const raw = new Database(temp.file);
    try {
      const plans = new SqliteClaims(raw).plans();
      expect(plans.filter((p) => /^SCAN (?!json_each)/.test(p) || /USING (COVERING )?INDEX \w+ \(event_id=\?\)$/.test(p))).toEqual([]);
      // A fact is found by its event and id together: the (event_id, id) key, both columns.
      expect(plans).toContain('SEARCH facts USING INDEX sqlite_autoindex_facts_1 (event_id=? AND id=?)');
    } finally {
      raw.close();
    }
  });
});
