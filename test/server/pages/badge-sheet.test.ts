// Badge sheets read back: every QR on a printed sheet decodes with the desk's decoder, verifies
// against the event's public key, and is drawn at level Q (qr-options.ts says why); masks are
// chosen once per code, in a worker thread, and kept in the store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseToken } from '../../../src/domain/token.ts';
import { readSvgQrs } from '../../support/qr-svg.ts';
import { readQrImage } from '../../support/zxing-node.ts';
import { MaskPrecomputer } from '../../../src/server/codes/masks.ts';
import { createSigner } from '../../../src/server/codes/signing.ts';
import { chooseMask } from '../../../src/server/codes/qr-options.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';
import { verifiesWith } from '../store/temp-store.ts';

let fixture: SyncFixture;
beforeEach(async () => { fixture = await openSyncFixture(); });
afterEach(() => fixture.close());

describe('badge sheet', () => {
  it('carries one QR per member; each decodes to that member\'s code, verifies and is level Q', async () => {
    const store = fixture.temp.store;
    const pkg = store.getPackage(1)!;
    const members = pkg.participants.filter((p) => p.unitId === 2);
    expect(store.codeMasks(1, members.map((p) => p.no)).size).toBe(0);
    const response = await fixture.app.request('/api/events/1/units/2/badges', { headers: { cookie: fixture.coordinator.cookie } });
    expect(response.status).toBe(200);
    const reads = await readSvgQrs(await response.text());
    expect(reads).toHaveLength(members.length);
    reads.forEach((read, i) => {
      const token = parseToken(read?.text ?? '');
      expect(token, `badge ${i}`).not.toBeNull();
      expect(token!.eventId).toBe(1);
      expect(token!.codeNo).toBe(members[i]!.no);
      expect(verifiesWith(pkg.publicKey, token!.signed, token!.signature)).toBe(true);
      expect(read!.ecLevel, `badge ${i}`).toBe('Q');
    });
    // The masks chosen for this sheet are kept (the fallback decoder's choice): the next sheet only draws.
    const kept = store.codeMasks(1, members.map((p) => p.no));
    expect(kept.size).toBe(members.length);
    reads.forEach((read, i) => expect(kept.get(members[i]!.no)).toBe(chooseMask(read!.text)));
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

  it('draws a person\'s QR image at level Q, decoding to their signed code', async () => {
    const person = fixture.temp.store.getPackage(1)!.participants[0]!;
    const headers = { cookie: fixture.coordinator.cookie };
    const png = await fixture.app.request(`/api/events/1/participants/${person.no}/qr.png`, { headers });
    expect(png.status).toBe(200);
    const { code } = await (await fixture.app.request(`/api/events/1/participants/${person.no}/code`, { headers })).json() as { code: string };
    const read = await readQrImage(new Uint8Array(await png.arrayBuffer()));
    expect(read?.text).toBe(code);
    expect(read?.ecLevel).toBe('Q');
  });
});
