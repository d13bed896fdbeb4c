// Moving an event from the embedded store to PostgreSQL: the event, units, desks, roster (with ID
// numbers, QR masks and origins), keys, revoked codes, check-ins (seqs and flags), paired devices,
// share links and registration settings all arrive; a second move is
// refused and changes nothing; desks' tokens and cursors keep working on the new store; two
// events whose logs share a fact id both arrive whole (issue 13).
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import postgres from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveTally } from '../../../src/domain/live-tally.ts';
import { seedDemoEvents } from '../../../src/server/demo/seed.ts';
import { moveEvent } from '../../../src/server/cli/move-event.ts';
import { EventExistsError } from '../../../src/server/store/pg/import-event.ts';
import { PgStore } from '../../../src/server/store/pg/pg-store.ts';
import { SqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';
import { freshDatabase, pgForTests } from '../../support/pg-cluster.ts';
import { PROJECT_ROOT } from '../../support/server.ts';
import { admitFact, voidFact } from '../../support/sync-session.ts';

const pgServer = await pgForTests();
const T = Date.UTC(2024, 6, 10, 1, 0);

describe.skipIf(!pgServer)('move-event: SQLite → PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-move-'));
  const file = join(dir, 'diemdanh.sqlite');
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pgServer?.stop();
  });

  it('moves everything about the event, refuses a second move, and the desks carry on', async () => {
    const sqlite = new SqliteStore(file);
    await seedDemoEvents(sqlite);
    await sqlite.setPassword('dieuphoi', 'hash', 'salt', T);
    for (const n of [1, 2]) {
      await sqlite.addPairingCode(1, `code-${n}`, T + 60_000);
      await sqlite.redeemPairingCode(`code-${n}`, { id: `may-${n}`, deskId: `ban-${n}`, name: `Máy ${n}`, tokenHash: `token-${n}`, appVersion: '1.0' }, T);
    }
    await sqlite.touchDevice(1, 'may-1', { at: T + 5000, pending: 3 });
    await sqlite.revokeDevice(1, 'may-2', T + 6000);
    await sqlite.revokeCode(1, 7);
    // Server-only roster columns: an imported ID number, a re-issued code, chosen QR masks.
    const imported = sqlite.importParticipants(1, [{ name: 'Lò Thị Mai', phone: '0912000222', unitId: 2, category: 'Người hiến máu', idNumber: '001199000111' }], sqlite.packageVersion(1)!);
    expect(imported.kind).toBe('imported');
    sqlite.reissueCode(1, 9);
    sqlite.saveCodeMasks(1, new Map([[1, 5], [2, -1]]));
    sqlite.setRegistration(1, { open: true, closesAt: T + 3_600_000, caps: { 2: 70 } });
    sqlite.addShareLink({ id: 'link-1', eventId: 1, unitId: 2, tokenHash: 'share-1', createdAt: T });
    sqlite.addShareLink({ id: 'link-2', eventId: 1, unitId: 3, tokenHash: 'share-2', createdAt: T });
    sqlite.revokeShareLink('link-2', T + 10);
    const desk = { eventId: 1, deviceId: 'may-1', deskId: 'ban-1' };
    const first = admitFact(desk, { personKey: '5', unitId: 1, category: 'Người hiến máu', deviceTime: T });
    const again = admitFact(desk, { personKey: '5', unitId: 1, category: 'Người hiến máu', deviceTime: T + 60_000 });
    const stranger = admitFact(desk, { personKey: '99999', unitId: 0, category: '', deviceTime: T });
    await sqlite.ingestFacts(1, [first, again, stranger], T + 1);
    await sqlite.ingestFacts(2, [admitFact({ ...desk, eventId: 2 }, { personKey: '1', unitId: 1, category: 'Giáo viên', deviceTime: T })], T + 2);
    await sqlite.ingestFacts(1, [voidFact(desk, stranger, T + 3)], T + 3);
    sqlite.addFactReviews(1, [{ factId: first.id, reason: 'unverified', flaggedAt: T + 1 }, { factId: again.id, reason: 'claim-mismatch', claimedUnitId: 4, claimedCategory: 'sai', flaggedAt: T + 1 }]);
    const before = {
      pkg: sqlite.getPackage(1), key: sqlite.getPrivateKey(1), log: sqlite.factsOf(1), devices: sqlite.listDevices(1),
      identities: sqlite.rosterIdentities(1), links: sqlite.listShareLinks(1), registration: sqlite.registrationOf(1),
      reviews: sqlite.factReviews(1),
    };
    const extras = new Database(file, { readonly: true });
    const extrasBefore = extras.prepare(`SELECT no, id_number, qr_mask, origin FROM participants WHERE event_id = 1
      AND (id_number IS NOT NULL OR qr_mask IS NOT NULL OR origin <> 'roster') ORDER BY no`).all();
    extras.close();
    expect(extrasBefore).toHaveLength(4);
    sqlite.close();
    // Duplicates are derived from the log (domain/standing.ts), so a log moved whole keeps them.
    const tally = new LiveTally(before.pkg!.event, before.pkg!.units).addAll(before.log.facts);
    expect(before.log.facts.map((f) => [tally.isDuplicate(f), f.kind === 'admit' && f.unknown === true])).toEqual([[false, false], [true, false], [false, true], [false, false]]);
    expect(before.log.facts.some((f) => 'duplicate' in f)).toBe(false);

    const db = await freshDatabase(pgServer!);
    // The command line, as the README shows it.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/move-event.ts', '--from', file, '--to', db.url, '--event', '1'],
      { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/event 1 moved: \d+ participants, 4 check-ins, 2 devices, 1 coordinator accounts added/);

    const pg = await PgStore.open(db.url);
    try {
      expect(await pg.listEvents()).toEqual([{ id: 1, name: before.pkg!.event.name, venue: before.pkg!.event.venue, date: before.pkg!.event.date }]);
      expect(await pg.getPackage(1)).toEqual(before.pkg);
      expect((await pg.getPackage(1))?.revokedCodes).toEqual([7, 9]);
      expect(await pg.getPrivateKey(1)).toBe(before.key);
      expect(await pg.factsOf(1)).toEqual(before.log);
      expect(await pg.listDevices(1)).toEqual(before.devices);
      expect(await pg.deviceByTokenHash('token-1')).toMatchObject({ id: 'may-1', eventId: 1, lastSeen: T + 5000, pending: 3 });
      expect((await pg.deviceByTokenHash('token-2'))?.revokedAt).toBe(T + 6000);
      expect(await pg.getCoordinator('dieuphoi')).toEqual({ username: 'dieuphoi', passwordHash: 'hash', passwordSalt: 'salt' });
      expect(await pg.rosterIdentities(1)).toEqual(before.identities);
      expect(await pg.codeMasks(1, [1, 2, 3])).toEqual(new Map([[1, 5], [2, -1]]));
      expect(await pg.registrationOf(1)).toEqual(before.registration);
      expect(await pg.factReviews(1)).toEqual(before.reviews);
      expect(before.reviews).toHaveLength(2);
      expect(await pg.listShareLinks(1)).toEqual(before.links);
      expect(await pg.shareLinkByTokenHash('share-1')).toMatchObject({ id: 'link-1', unitId: 2 });
      const raw = new postgres.Client({ connectionString: db.url });
      await raw.connect();
      const extrasAfter = (await raw.query(`SELECT no::int AS no, id_number, qr_mask, origin FROM participants WHERE event_id = 1
        AND (id_number IS NOT NULL OR qr_mask IS NOT NULL OR origin <> 'roster') ORDER BY no`)).rows;
      await raw.end();
      expect(extrasAfter).toEqual(extrasBefore);

      // A second move is refused as a whole: the log is not doubled, nothing else changes.
      await expect(moveEvent({ from: file, to: db.url, eventId: 1 })).rejects.toBeInstanceOf(EventExistsError);
      const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/move-event.ts', '--from', file, '--to', db.url, '--event', '1'],
        { cwd: PROJECT_ROOT, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/already exists/);
      expect(await pg.factsOf(1)).toEqual(before.log);
      await expect(moveEvent({ from: file, to: db.url, eventId: 42 })).rejects.toThrow(/event 42 is not in/);

      // The roster log goes on after the seq desks were given: a person added now reaches them.
      const added = await pg.importParticipants(1, [{ name: 'Đinh Văn Tú', phone: '0912000333', unitId: 1, category: 'Người hiến máu' }], before.pkg!.version);
      expect(added).toMatchObject({ kind: 'imported', firstNo: before.pkg!.participants.length + 1 });
      const changes = await pg.rosterChangesAfter(1, before.pkg!.rosterSeq!, 10);
      expect(changes.changes.map((c) => c.participant?.name)).toEqual(['Đinh Văn Tú']);
      expect(changes.rosterSeq).toBeGreaterThan(before.pkg!.rosterSeq!);

      // The log goes on after the moved seqs: a desk's pull cursor from the old server stays valid.
      const later = admitFact(desk, { personKey: '6', unitId: 1, category: 'Người hiến máu', deviceTime: T + 9000 });
      const result = await pg.ingestFacts(1, [later, again], T + 9000);
      expect(result).toMatchObject({ stored: [later.id, again.id], inserted: 1 });
      expect(result.cursor).toBeGreaterThan(before.log.cursor);
      expect((await pg.factsAfter(1, before.log.cursor, 10)).map((f) => f.id)).toEqual([later.id]);
    } finally {
      await pg.close();
      await db.drop();
    }
  }, 60_000);

  it('moves two events whose logs share a fact id into one database, each keeping its own fact', async () => {
    const twoFile = join(dir, 'two-events.sqlite');
    const sqlite = new SqliteStore(twoFile);
    await seedDemoEvents(sqlite);
    const inOne = admitFact({ eventId: 1, deviceId: 'may-1', deskId: 'ban-1' }, { personKey: '5', unitId: 1, category: 'Người hiến máu', deviceTime: T });
    const inTwo = { ...admitFact({ eventId: 2, deviceId: 'may-9', deskId: 'ban-1' }, { personKey: '8', unitId: 1, category: 'Giáo viên', deviceTime: T }), id: inOne.id };
    expect(sqlite.ingestFacts(1, [inOne], T).inserted).toBe(1);
    expect(sqlite.ingestFacts(2, [inTwo], T).inserted).toBe(1);
    sqlite.addFactReviews(2, [{ factId: inOne.id, reason: 'unverified', flaggedAt: T }]);
    const logs = [sqlite.factsOf(1), sqlite.factsOf(2)];
    sqlite.close();
    const db = await freshDatabase(pgServer!);
    try {
      for (const eventId of [1, 2]) expect((await moveEvent({ from: twoFile, to: db.url, eventId })).facts).toBe(1);
      const pg = await PgStore.open(db.url);
      try {
        expect(await pg.factsOf(1)).toEqual(logs[0]);
        expect(await pg.factsOf(2)).toEqual(logs[1]);
        expect((await pg.factsByIds(2, [inOne.id])).map((f) => f.personKey)).toEqual(['8']);
        expect(await pg.factReviews(1)).toEqual([]);
        expect((await pg.factReviews(2)).map((r) => r.factId)).toEqual([inOne.id]);
      } finally {
        await pg.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});
