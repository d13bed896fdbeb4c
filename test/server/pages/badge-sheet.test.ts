// Badge sheets read back: every QR on a printed sheet decodes with the desk's decoder and verifies
// against the event's public key; masks are chosen once per code and kept in the store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/domain/token.ts';
import { MaskPrecomputer } from '../../../src/server/codes/masks.ts';
import { createSigner } from '../../../src/server/codes/signing.ts';
import { decodeSvgQrs } from '../../support/qr-svg.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';
import { verifiesWith } from '../store/temp-store.ts';

let fixture: SyncFixture;
beforeEach(async () => { fixture = await openSyncFixture(); });
afterEach(() => fixture.close());

describe('badge sheet', () => {
  it('carries one QR per member; each decodes to that member\'s code and verifies', async () => {
    const store = fixture.temp.store;
    const pkg = store.getPackage(1)!;
    const members = pkg.participants.filter((p) => p.unitId === 2);
    expect(store.codeMasks(1, members.map((p) => p.no)).size).toBe(0);
    const response = await fixture.app.request('/api/events/1/units/2/badges', { headers: { cookie: fixture.coordinator.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const texts = decodeSvgQrs(html);
    expect(texts).toHaveLength(members.length);
    texts.forEach((text, i) => {
      const token = parseToken(text ?? '');
      expect(token, `badge ${i}`).not.toBeNull();
      expect(token!.eventId).toBe(1);
      expect(token!.codeNo).toBe(members[i]!.no);
      expect(verifiesWith(pkg.publicKey, token!.signed, token!.signature)).toBe(true);
    });
    // The masks chosen for this sheet are kept: the next sheet only draws.
    expect(store.codeMasks(1, members.map((p) => p.no)).size).toBe(members.length);
  });

  it('chooses masks in the background after codes are issued, for every code of the event', async () => {
    const store = fixture.temp.store;
    const precompute = new MaskPrecomputer(store, createSigner(store));
    await precompute.schedule(3);
    expect(store.codesWithoutMask(3, 10)).toEqual([]);
    const all = store.getPackage(3)!.participants.map((p) => p.no);
    const masks = store.codeMasks(3, all);
    expect(masks.size).toBe(all.length);
    for (const mask of masks.values()) expect(mask >= 0 && mask <= 7).toBe(true);
  }, 30_000);
});
