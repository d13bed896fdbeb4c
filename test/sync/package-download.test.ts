// Package downloads against the real server in-process: paged, resumable, skipped when the
// version has not changed, redone when it has, and never half-installed.
import 'fake-indexeddb/auto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskDb } from '../../src/db/db.ts';
import { loadPackage } from '../../src/db/packages.ts';
import { refreshPackage, type PackageSource } from '../../src/sync/package-download.ts';
import { openSyncFixture, type SyncFixture } from '../server/http/sync-fixture.ts';

let fixture: SyncFixture;
let db: DeskDb;
let requests: string[];
let token: string;

function source(options: { failAtRosterPage?: number; corruptRosterPage?: number } = {}): PackageSource {
  let rosterPages = 0;
  const appFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    if (url.includes('/roster?') || url.includes('/roster/changes?')) {
      rosterPages++;
      if (rosterPages === options.failAtRosterPage) throw new TypeError('network lost');
      if (rosterPages === options.corruptRosterPage) return new Response('{"version":1,"participants":[{"no":"x"}],"next":null}');
    }
    return fixture.app.request(url, init);
  }) as typeof fetch;
  return { db, eventId: 1, fetch: appFetch, pageSize: 100, token };
}

beforeEach(async () => {
  fixture = await openSyncFixture();
  db = new DeskDb(`pkg-${Math.random()}`);
  requests = [];
  token = (await fixture.pair({ deskId: 'ban-1' })).token; // the roster is for paired desks only
});
afterEach(async () => { fixture.close(); await db.delete(); });

describe('refreshPackage', () => {
  it('is refused without a desk token', async () => {
    token = '';
    await expect(refreshPackage(source())).rejects.toThrow(/401/);
    expect(await loadPackage(db, 1)).toBeUndefined();
  });

  it('downloads the roster in pages and installs exactly the server package', async () => {
    const installed = await refreshPackage(source());
    const server = fixture.temp.store.getPackage(1)!;
    expect(installed?.participants).toEqual(server.participants);
    expect((await loadPackage(db, 1))?.participants).toHaveLength(server.participants.length);
    expect(requests.filter((u) => u.includes('/roster?')).length).toBe(Math.ceil(server.participants.length / 100));
    expect(await db.rosterStaging.count()).toBe(0);
  });

  it('resumes an interrupted download at the next page', async () => {
    await expect(refreshPackage(source({ failAtRosterPage: 3 }))).rejects.toThrow();
    expect(await loadPackage(db, 1)).toBeUndefined(); // nothing half-installed
    expect(await db.rosterStaging.count()).toBe(200); // two pages kept
    requests = [];
    const installed = await refreshPackage(source());
    expect(installed?.participants).toEqual(fixture.temp.store.getPackage(1)!.participants);
    expect(requests.find((u) => u.includes('/roster?'))).toContain('after=200');
  });

  it('does not download again while the version is the same, and does when it changes', async () => {
    await refreshPackage(source());
    requests = [];
    expect(await refreshPackage(source())).toBeUndefined();
    expect(requests.filter((u) => u.includes('/roster?'))).toHaveLength(0);
    // A re-issued code bumps the version: the desk learns the old code is void, without the roster again.
    expect(fixture.temp.store.revokeCode(1, 7)).toBe(true);
    const updated = await refreshPackage(source());
    expect(updated?.revokedCodes).toContain(7);
    expect(updated?.version).toBe(fixture.temp.store.getPackage(1)!.version);
    expect(requests.filter((u) => u.includes('/roster?'))).toHaveLength(0);
    expect(requests.filter((u) => u.includes('/roster/changes?'))).toHaveLength(1);
  });

  it('fetches only what changed in the roster: added, edited and removed people', async () => {
    await refreshPackage(source());
    const before = (await loadPackage(db, 1))!;
    // An import and an edit, as issue 5's set-up will make them: straight SQL, so the log's
    // triggers are what is tested, whatever code path touches the roster.
    const raw = new Database(fixture.temp.file);
    const unit = before.participants[0]!.unitId;
    raw.transaction(() => {
      raw.prepare('INSERT INTO participants (event_id, no, name, phone, unit_id, category) VALUES (1, ?, ?, ?, ?, ?)')
        .run(9001, 'Hà Thị Ánh', '0912 000 111', unit, before.participants[0]!.category);
      raw.prepare('UPDATE participants SET name = ? WHERE event_id = 1 AND no = ?').run('Nguyễn Văn Ân', before.participants[1]!.no);
      raw.prepare('DELETE FROM participants WHERE event_id = 1 AND no = ?').run(before.participants[2]!.no);
      raw.prepare('UPDATE events SET version = version + 1 WHERE id = 1').run();
    })();
    raw.close();
    requests = [];
    const updated = (await refreshPackage(source()))!;
    const server = fixture.temp.store.getPackage(1)!;
    expect(updated.participants).toEqual(server.participants);
    expect(updated.participants.find((p) => p.no === 9001)?.name).toBe('Hà Thị Ánh');
    expect(updated.participants.find((p) => p.no === before.participants[1]!.no)?.name).toBe('Nguyễn Văn Ân');
    expect(updated.participants.some((p) => p.no === before.participants[2]!.no)).toBe(false);
    expect(updated.rosterSeq).toBe(server.rosterSeq);
    expect(requests.filter((u) => u.includes('/roster?'))).toHaveLength(0);
    expect((await loadPackage(db, 1))?.participants).toEqual(server.participants);
  });

  it('downloads the whole roster when the stored package has no change cursor', async () => {
    await refreshPackage(source());
    const stored = (await loadPackage(db, 1))!;
    await db.packages.put({ ...stored, rosterSeq: undefined, participants: stored.participants.slice(5) });
    fixture.temp.store.revokeCode(1, 9);
    requests = [];
    const updated = (await refreshPackage(source()))!;
    expect(updated.participants).toEqual(fixture.temp.store.getPackage(1)!.participants);
    expect(requests.filter((u) => u.includes('/roster?')).length).toBeGreaterThan(1);
  });

  it('refuses a malformed page and keeps the package it had', async () => {
    await refreshPackage(source());
    const before = await loadPackage(db, 1);
    fixture.temp.store.revokeCode(1, 3);
    await expect(refreshPackage(source({ corruptRosterPage: 1 }))).rejects.toThrow();
    expect((await loadPackage(db, 1))?.version).toBe(before?.version);
    expect((await loadPackage(db, 1))?.participants).toHaveLength(before!.participants.length);
  });
});
