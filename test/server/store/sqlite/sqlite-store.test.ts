import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { EventPackage } from '../../../../src/shared/schemas.ts';
import { MIGRATIONS } from '../../../../src/server/store/sqlite/migrations.ts';
import { generateEventKeys } from '../../../../src/server/codes/signing.ts';
import { openTempStore, type TempStore } from '../temp-store.ts';

describe('SqliteStore', () => {
  let temp: TempStore | undefined;
  afterEach(() => temp?.remove());

  it('starts empty, migrated to the latest version, in WAL mode', async () => {
    temp = await openTempStore({ seed: false });
    expect(temp.store.isEmpty()).toBe(true);
    expect(temp.store.listEvents()).toEqual([]);
    expect(temp.store.getPackage(1)).toBeUndefined();
    const raw = new Database(temp.file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps everything across close and reopen, without re-running migrations', async () => {
    temp = await openTempStore();
    const before = temp.store.getPackage(1);
    const store = temp.reopen();
    expect(store.isEmpty()).toBe(false);
    expect(store.getPackage(1)).toEqual(before);
    expect(store.getPrivateKey(1)).toBe(temp.store.getPrivateKey(1));
    expect(store.listEvents()).toHaveLength(3);
  });

  it('returns packages the shared schema accepts, participants sorted by code number', async () => {
    temp = await openTempStore();
    for (const { id } of temp.store.listEvents()) {
      const pkg = EventPackage.parse(temp.store.getPackage(id));
      const numbers = pkg.participants.map((p) => p.no);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(pkg.version).toBe(1);
    }
  });

  it('answers unit and participant lookups, undefined for unknown ids', async () => {
    temp = await openTempStore();
    const { store } = temp;
    expect(store.getUnit(1, 2)?.name).toBe('Công an thành phố');
    expect(store.getUnit(1, 999)).toBeUndefined();
    expect(store.getUnit(999, 1)).toBeUndefined();
    const police = store.participantsOfUnit(1, 2);
    expect(police.length).toBeGreaterThan(60);
    expect(police.every((p) => p.unitId === 2)).toBe(true);
    expect(store.getParticipant(1, police[0]!.no)).toEqual(police[0]);
    expect(store.getParticipant(1, 999_999)).toBeUndefined();
    expect(store.getPrivateKey(999)).toBeUndefined();
  });

  it('rolls back a whole event when any row is bad', async () => {
    temp = await openTempStore({ seed: false });
    const event = {
      id: 7, name: 'Thử', venue: '', date: '2024-01-01', timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00',
      checkpoints: ['arrived' as const], targets: {},
    };
    const units = [{ id: 1, name: 'Đơn vị', quotas: [{ category: 'Khách', quota: 1 }] }];
    // unit 2 does not exist: the foreign key rejects the participant and the event with it.
    const participants = [{ no: 1, name: 'Lê Thị Hoa', phone: '', unitId: 2, category: 'Khách' }];
    expect(() => temp!.store.createEvent({
      event, units, desks: [{ id: 'ban-1', name: 'Bàn 1' }], participants, keys: generateEventKeys(),
    })).toThrow();
    expect(temp.store.isEmpty()).toBe(true);
  });

  it('forgets the QR masks chosen for level M when badges move to level Q (migration 12)', async () => {
    temp = await openTempStore();
    temp.store.saveCodeMasks(1, new Map([[1, 4], [2, 6]]));
    const seq = temp.store.getPackage(1)!.rosterSeq!;
    // Back to version 11, as a file from before this release; reopening runs migration 12.
    const raw = new Database(temp.file);
    raw.pragma('user_version = 11');
    raw.close();
    temp.reopen();
    expect(temp.store.codeMasks(1, [1, 2])).toEqual(new Map());
    expect(temp.store.codesWithoutMask(1, 2)).toEqual([1, 2]);
    expect(temp.store.rosterChangesAfter(1, seq, 10).changes).toEqual([]);
  });

  it('logs a change of birth year as a roster change (desks hold it), and not a QR mask', async () => {
    temp = await openTempStore();
    const seq = temp.store.getPackage(1)!.rosterSeq!;
    const raw = new Database(temp.file);
    raw.prepare('UPDATE participants SET qr_mask = 3 WHERE event_id = 1 AND no = 7').run();
    expect(temp.store.rosterChangesAfter(1, seq, 10).changes).toEqual([]);
    raw.prepare('UPDATE participants SET birth_year = 1990 WHERE event_id = 1 AND no = 7').run();
    expect(() => raw.prepare('UPDATE participants SET birth_year = 1800 WHERE event_id = 1 AND no = 8').run()).toThrow(/CHECK/);
    raw.close();
    const { changes } = temp.store.rosterChangesAfter(1, seq, 10);
    expect(changes.map((c) => [c.no, c.participant?.birthYear])).toEqual([[7, 1990]]);
  });

  it('revokes a code by bumping the package version', async () => {
    temp = await openTempStore();
    expect(temp.store.revokeCode(1, 5)).toBe(true);
    expect(temp.store.revokeCode(999, 5)).toBe(false);
    const pkg = temp.store.getPackage(1);
    expect(pkg?.revokedCodes).toEqual([5]);
    expect(pkg?.version).toBe(2);
  });
});
