// The Store contract, second half: pairing codes, devices, coordinator accounts, sessions and share links.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/server/store/store.ts';
import { seeded, T, type OpenStore, type StoreHarness } from './contract.ts';

const MINUTE = 60_000;
const device = (n: number, deskId = 'ban-1') => ({ id: `may-${n}`, deskId, name: `Máy ${n}`, tokenHash: `token-${n}`, appVersion: '1.0' });

/** Registers the devices and accounts part of the contract (called by describeStoreContract). */
export function describeAccessContract(engine: string, open: OpenStore): void {
  describe(`Store contract: ${engine}, devices and accounts`, () => {
    let harness: StoreHarness | undefined;
    const use = async (h: Promise<StoreHarness>): Promise<Store> => (harness = await h).store;
    afterEach(async () => {
      await harness?.remove();
      harness = undefined;
    });

    it('spends a pairing code once, keeps it for a wrong desk, and refuses an expired one', async () => {
      const store = await use(seeded(open));
      await store.addPairingCode(1, 'code-a', T + 10 * MINUTE);
      await store.addPairingCode(2, 'code-b', T + MINUTE);
      expect(await store.redeemPairingCode('code-a', device(1, 'ban-9'), T)).toEqual({ kind: 'unknown-desk' });
      expect(await store.redeemPairingCode('code-a', device(1), T)).toEqual({ kind: 'paired', eventId: 1 });
      expect(await store.redeemPairingCode('code-a', device(2), T)).toEqual({ kind: 'invalid-code' });
      expect(await store.redeemPairingCode('code-b', device(2), T + MINUTE)).toEqual({ kind: 'invalid-code' });
      expect(await store.redeemPairingCode('nothing', device(2), T)).toEqual({ kind: 'invalid-code' });
      expect(await store.deviceByTokenHash('token-1')).toEqual({
        id: 'may-1', eventId: 1, deskId: 'ban-1', name: 'Máy 1', createdAt: T, lastSeen: T, appVersion: '1.0', pending: 0,
      });
      expect(await store.deviceByTokenHash('token-2')).toBeUndefined();
    });

    it('lets exactly one of two desks racing for one code win', async () => {
      const store = await use(seeded(open));
      await store.addPairingCode(1, 'code-race', T + MINUTE);
      const results = await Promise.all([1, 2, 3, 4].map((n) => store.redeemPairingCode('code-race', device(n), T)));
      expect(results.filter((r) => r.kind === 'paired')).toHaveLength(1);
      expect(await store.listDevices(1)).toHaveLength(1);
    });

    it('lists, touches and revokes devices; pairing again lifts the revocation and replaces the token', async () => {
      const store = await use(seeded(open));
      for (const n of [1, 2]) {
        await store.addPairingCode(1, `code-${n}`, T + MINUTE);
        await store.redeemPairingCode(`code-${n}`, device(n), T + n);
      }
      await store.touchDevice(1, 'may-1', { at: T + 500, pending: 7, appVersion: '1.1' });
      await store.touchDevice(1, 'may-1', { at: T + 100 });
      expect((await store.listDevices(1)).map((d) => [d.id, d.lastSeen, d.pending, d.appVersion])).toEqual([
        ['may-1', T + 500, 7, '1.1'], ['may-2', T + 2, 0, '1.0']]);
      expect(await store.listDevices(2)).toEqual([]);
      expect(await store.deviceIdTaken('may-1')).toBe(true);
      expect(await store.deviceIdTaken('may-9')).toBe(false);
      expect(await store.revokeDevice(2, 'may-1', T + 600)).toBe(false); // another event's device is out of reach
      expect(await store.revokeDevice(1, 'may-1', T + 600)).toBe(true);
      expect(await store.revokeDevice(1, 'may-1', T + 700)).toBe(true);
      expect(await store.revokeDevice(1, 'may-9', T + 700)).toBe(false);
      expect((await store.deviceByTokenHash('token-1'))?.revokedAt).toBe(T + 600);
      await store.addPairingCode(1, 'code-again', T + MINUTE);
      const again = { ...device(1, 'ban-2'), tokenHash: 'token-1b', appVersion: undefined };
      expect(await store.redeemPairingCode('code-again', again, T + 800)).toEqual({ kind: 'paired', eventId: 1 });
      expect(await store.deviceByTokenHash('token-1')).toBeUndefined();
      const repaired = await store.deviceByTokenHash('token-1b');
      expect(repaired).toMatchObject({ id: 'may-1', deskId: 'ban-2', createdAt: T + 1, lastSeen: T + 800, appVersion: '1.1' });
      expect(repaired?.revokedAt).toBeUndefined();
    });

    it('issues setup tokens, completes setup once, and ends sessions on a new password', async () => {
      const store = await use(open());
      expect(await store.listCoordinators()).toEqual([]);
      await store.issueSetupToken('admin', 'setup-1', T + MINUTE, T);
      await store.issueSetupToken('admin', 'setup-2', T + MINUTE, T);
      expect(await store.listCoordinators()).toEqual([{ username: 'admin' }]);
      expect(await store.completeSetup('setup-1', 'h', 's', T)).toBeUndefined();
      expect(await store.completeSetup('setup-2', 'h', 's', T + MINUTE)).toBeUndefined();
      expect(await store.completeSetup('setup-2', 'hash-1', 'salt-1', T)).toBe('admin');
      expect(await store.completeSetup('setup-2', 'hash-x', 'salt-x', T)).toBeUndefined();
      expect(await store.getCoordinator('admin')).toEqual({ username: 'admin', passwordHash: 'hash-1', passwordSalt: 'salt-1' });
      expect(await store.getCoordinator('nobody')).toBeUndefined();

      await store.createSession({ idHash: 'sess-1', username: 'admin', expiresAt: T + MINUTE, now: T });
      await store.createSession({ idHash: 'sess-2', username: 'admin', expiresAt: T + 10 * MINUTE, now: T });
      expect(await store.sessionUser('sess-1', T)).toBe('admin');
      expect(await store.sessionUser('sess-1', T + MINUTE)).toBeUndefined();
      await store.deleteSession('sess-2');
      expect(await store.sessionUser('sess-2', T)).toBeUndefined();
      await store.createSession({ idHash: 'sess-3', username: 'admin', expiresAt: T + MINUTE, now: T });
      await store.setPassword('admin', 'hash-2', 'salt-2', T);
      expect(await store.sessionUser('sess-3', T)).toBeUndefined();
      await store.setPassword('dieuphoi', 'hash-3', 'salt-3', T);
      expect((await store.listCoordinators()).map((c) => c.username)).toEqual(['admin', 'dieuphoi']);
    });

    it('keeps unit leaders\' share links by token hash, in the order made, revoked once', async () => {
      const store = await use(seeded(open));
      await store.addShareLink({ id: 'link-b', eventId: 1, unitId: 2, tokenHash: 'hash-b', createdAt: T });
      await store.addShareLink({ id: 'link-a', eventId: 1, unitId: 1, tokenHash: 'hash-a', createdAt: T });
      await store.addShareLink({ id: 'link-c', eventId: 2, unitId: 1, tokenHash: 'hash-c', createdAt: T - 1 });
      expect((await store.listShareLinks(1)).map((l) => l.id)).toEqual(['link-b', 'link-a']);
      expect(await store.shareLinkByTokenHash('hash-a')).toEqual({ id: 'link-a', eventId: 1, unitId: 1, createdAt: T });
      expect(await store.shareLinkByTokenHash('nope')).toBeUndefined();
      expect(await store.revokeShareLink('link-a', T + 5)).toBe(true);
      expect(await store.revokeShareLink('link-a', T + 9)).toBe(true);
      expect((await store.shareLinkByTokenHash('hash-a'))?.revokedAt).toBe(T + 5);
      expect(await store.revokeShareLink('no-such-link', T)).toBe(false);
      await expect(Promise.resolve().then(() => store.addShareLink({ id: 'link-d', eventId: 1, unitId: 999, tokenHash: 'hash-d', createdAt: T })))
        .rejects.toThrow(); // a link to a unit the event does not have
    });
  });
}
