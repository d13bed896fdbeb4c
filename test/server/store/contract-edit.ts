// The Store contract, event set-up: new events, their fields, units, desks and self-registration
// settings. Every change bumps the package version; every refusal leaves the event as it was.
import { afterEach, describe, expect, it } from 'vitest';
import type { UnitDraft } from '../../../src/shared/event-setup.ts';
import type { EventInfo } from '../../../src/shared/schemas.ts';
import { generateEventKeys } from '../../../src/server/codes/signing.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { admitFact } from '../../support/sync-session.ts';
import { desk, EVENTS, seeded, T, type OpenStore, type StoreHarness } from './contract.ts';

const DONOR = 'Người hiến máu';
const NEW_EVENT: Omit<EventInfo, 'id'> = {
  name: 'Ngày hội hiến máu Chợ Mới', venue: 'Nhà văn hoá huyện Chợ Mới', date: '2024-08-02', timeZone: 'Asia/Ho_Chi_Minh',
  opensAt: '07:00', arriveBy: '07:30', checkpoints: ['arrived', 'donated'], targets: { donated: 120 },
};
const DESKS = [{ id: 'ban-1', name: 'Bàn 1' }, { id: 'ban-2', name: 'Bàn 2' }];
const unit = (name: string, extra: Partial<UnitDraft> = {}): UnitDraft =>
  ({ name, group: 'Xã', leaderName: 'Hà Văn Minh', leaderPhone: '0912345678', quotas: [{ category: DONOR, quota: 40 }], slot: { from: '08:00', to: '09:00' }, ...extra });
const device = (n: number, deskId: string) => ({ id: `may-${n}`, deskId, name: `Máy ${n}`, tokenHash: `token-${n}` });

/** Registers the set-up part of the contract (called by describeStoreContract). */
export function describeEditContract(engine: string, open: OpenStore): void {
  describe(`Store contract: ${engine}, event set-up`, () => {
    let harness: StoreHarness | undefined;
    const use = async (h: Promise<StoreHarness>): Promise<Store> => (harness = await h).store;
    afterEach(async () => {
      await harness?.remove();
      harness = undefined;
    });

    it('archives an event and brings it back; the list says so, nothing else changes', async () => {
      const store = await use(seeded(open));
      const before = await store.getPackage(1);
      expect(await store.setArchived(1, T)).toBe(true);
      expect((await store.listEvents()).map((e) => [e.id, e.archived === true]).sort(([a], [b]) => Number(a) - Number(b))).toEqual([[1, true], [2, false]]);
      expect(await store.getPackage(1)).toEqual(before);
      expect(await store.setArchived(1, undefined)).toBe(true);
      expect((await store.listEvents()).some((e) => e.archived)).toBe(false);
      expect(await store.setArchived(99, T)).toBe(false);
    });

    it('creates an event under the next id, ready for check-ins, and edits its fields', async () => {
      const store = await use(seeded(open));
      const keys = generateEventKeys();
      expect(await store.addEvent({ event: NEW_EVENT, desks: DESKS, keys })).toBe(3);
      expect(await store.getPackage(3)).toEqual({
        version: 1, event: { id: 3, ...NEW_EVENT }, publicKey: keys.publicKey, units: [], desks: DESKS,
        participants: [], revokedCodes: [], rosterSeq: 0,
      });
      expect(await store.getPrivateKey(3)).toBe(keys.privateKey);
      expect((await store.listEvents()).map((e) => e.id)).toContain(3);
      // Its log starts at seq 1, apart from the other events'.
      const fact = admitFact(desk(1, 3), { personKey: 'w:01900000-0000-7000-8000-000000000009', unitId: 1, category: DONOR, deviceTime: T });
      expect(await store.ingestFacts(3, [fact], T)).toEqual({ stored: [fact.id], inserted: 1, cursor: 1 });

      const renamed = { ...NEW_EVENT, name: 'Ngày hội hiến máu Chợ Mới 2024', arriveBy: undefined, targets: { donated: 150, arrived: 200 } };
      expect(await store.updateEvent(3, renamed)).toBe(true);
      expect(await store.getEvent(3)).toEqual({ id: 3, ...renamed, arriveBy: undefined });
      expect(await store.packageVersion(3)).toBe(2);
      expect(await store.updateEvent(999, renamed)).toBe(false);
      expect(await store.getEvent(999)).toBeUndefined();
      expect(await store.getEvent(1)).toEqual(EVENTS[0]!.event);
      expect(await (await harness!.reopen()).getEvent(3)).toEqual({ id: 3, ...renamed, arriveBy: undefined });
    });

    it('adds and replaces units, each bumping the version, and refuses unknown ones without a bump', async () => {
      const store = await use(seeded(open));
      const id = await store.addEvent({ event: NEW_EVENT, desks: DESKS, keys: generateEventKeys() });
      const first = await store.saveUnit(id, unit('Xã Yên Đĩnh'));
      expect(first).toEqual({ id: 1, ...unit('Xã Yên Đĩnh') });
      expect((await store.saveUnit(id, unit('Xã Như Cố')))?.id).toBe(2);
      expect(await store.packageVersion(id)).toBe(3);
      const edited = await store.saveUnit(id, { ...unit('Xã Yên Đĩnh (sửa)', { group: '', leaderName: '', leaderPhone: '' }), id: 1, slot: undefined });
      expect(edited).toEqual({ id: 1, name: 'Xã Yên Đĩnh (sửa)', quotas: unit('x').quotas, group: undefined, leaderName: undefined, leaderPhone: undefined, slot: undefined });
      expect(await store.getUnit(id, 1)).toEqual({ id: 1, name: 'Xã Yên Đĩnh (sửa)', quotas: unit('x').quotas });
      expect((await store.unitsOf(id)).map((u) => u.name)).toEqual(['Xã Yên Đĩnh (sửa)', 'Xã Như Cố']);
      expect(await store.packageVersion(id)).toBe(4);

      expect(await store.saveUnit(id, { ...unit('Không có'), id: 99 })).toBeUndefined();
      expect(await store.saveUnit(999, unit('Không có'))).toBeUndefined();
      expect(await store.packageVersion(id)).toBe(4);
      expect(await store.unitsOf(id)).toHaveLength(2);
      expect(await store.unitsOf(1)).toEqual(EVENTS[0]!.units);
    });

    it('deletes a unit only while no check-in and no person names it', async () => {
      const store = await use(seeded(open));
      expect(await store.deleteUnit(1, 1)).toBe('has-people');
      const id = await store.addEvent({ event: NEW_EVENT, desks: DESKS, keys: generateEventKeys() });
      for (const name of ['Xã Yên Đĩnh', 'Xã Như Cố', 'Xã Thanh Vận']) await store.saveUnit(id, unit(name));
      await store.ingestFacts(id, [admitFact(desk(1, id), { personKey: 'w:01900000-0000-7000-8000-00000000000a', unitId: 2, category: DONOR, deviceTime: T })], T);
      await store.importParticipants(id, [{ name: 'Lò Văn Sáng', phone: '0912000111', unitId: 3, category: DONOR }], 4);
      const version = await store.packageVersion(id);
      expect(await store.deleteUnit(id, 2)).toBe('has-checkins');
      expect(await store.deleteUnit(id, 3)).toBe('has-people');
      expect(await store.deleteUnit(id, 99)).toBe('not-found');
      expect(await store.deleteUnit(999, 1)).toBe('not-found');
      expect(await store.packageVersion(id)).toBe(version);
      // A leader's share link does not keep an empty unit alive: it goes with the unit.
      await store.addShareLink({ id: 'link-x', eventId: id, unitId: 1, tokenHash: 'hash-x', createdAt: T });
      await store.addShareLink({ id: 'link-y', eventId: id, unitId: 2, tokenHash: 'hash-y', createdAt: T });
      expect(await store.deleteUnit(id, 1)).toBe('deleted');
      expect((await store.unitsOf(id)).map((u) => u.id)).toEqual([2, 3]);
      expect(await store.shareLinkByTokenHash('hash-x')).toBeUndefined();
      expect((await store.listShareLinks(id)).map((l) => l.id)).toEqual(['link-y']);
      expect(await store.packageVersion(id)).toBe(version! + 1);
      expect(await store.deleteUnit(id, 1)).toBe('not-found');
      expect(await store.unitsOf(1)).toEqual(EVENTS[0]!.units);
    });

    it('replaces the desk list in order, refusing to drop a desk a device or a check-in names', async () => {
      const store = await use(seeded(open));
      const original = EVENTS[0]!.desks;
      await store.addPairingCode(1, 'code-1', T + 60_000);
      expect(await store.redeemPairingCode('code-1', device(1, 'ban-2'), T)).toEqual({ kind: 'paired', eventId: 1 });
      await store.ingestFacts(1, [admitFact(desk(2), { personKey: '3', unitId: 1, category: DONOR, deviceTime: T })], T);
      expect(desk(2).deskId).toBe('ban-3');

      expect(await store.saveDesks(1, [original[0]!, original[3]!])).toEqual({ kind: 'in-use', deskId: 'ban-2' });
      expect(await store.saveDesks(1, [original[0]!, original[1]!])).toEqual({ kind: 'in-use', deskId: 'ban-3' });
      expect(await store.saveDesks(999, original)).toEqual({ kind: 'not-found' });
      expect((await store.getPackage(1))!.desks).toEqual(original);
      expect(await store.packageVersion(1)).toBe(1);

      const next = [{ id: 'ban-4', name: 'Bàn bốn' }, original[2]!, original[1]!, { id: 'ban-5', name: 'Bàn 5' }];
      expect(await store.saveDesks(1, next)).toEqual({ kind: 'saved' });
      expect((await store.getPackage(1))!.desks).toEqual(next);
      expect(await store.packageVersion(1)).toBe(2);
      expect((await store.getPackage(2))!.desks).toEqual(EVENTS[1]!.desks);
      // A dropped desk can no longer be paired with; a new one can.
      await store.addPairingCode(1, 'code-2', T + 60_000);
      expect(await store.redeemPairingCode('code-2', device(2, 'ban-1'), T)).toEqual({ kind: 'unknown-desk' });
      expect(await store.redeemPairingCode('code-2', device(2, 'ban-5'), T)).toEqual({ kind: 'paired', eventId: 1 });
    });

    it('keeps self-registration settings per event, closed until opened, without a package bump', async () => {
      const store = await use(seeded(open));
      expect(await store.registrationOf(1)).toEqual({ open: false, caps: {} });
      expect(await store.registrationOf(999)).toBeUndefined();
      const settings = { open: true, closesAt: T + 3_600_000, caps: { 1: 120, 13: 12 } };
      expect(await store.setRegistration(1, settings)).toBe(true);
      expect(await store.registrationOf(1)).toEqual(settings);
      expect(await store.registrationOf(2)).toEqual({ open: false, caps: {} });
      expect(await store.packageVersion(1)).toBe(1);
      expect(await store.setRegistration(999, settings)).toBe(false);
      expect(await store.registrationOf(999)).toBeUndefined();
      expect(await (await harness!.reopen()).registrationOf(1)).toEqual(settings);

      const closed = { open: false, caps: { 2: 0 } };
      expect(await harness!.store.setRegistration(1, closed)).toBe(true);
      expect(await harness!.store.registrationOf(1)).toEqual(closed);
    });
  });
}
