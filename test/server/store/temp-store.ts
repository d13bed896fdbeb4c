// A seeded SQLite store in its own temp directory, so server tests never share state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey, verify } from 'node:crypto';
import { seedDemoEvents } from '../../../src/server/demo/seed.ts';
import { SqliteStore } from '../../../src/server/store/sqlite/sqlite-store.ts';

/** A store file plus the means to reopen and remove it. */
export interface TempStore {
  dir: string;
  file: string;
  store: SqliteStore;
  reopen(): SqliteStore;
  remove(): void;
}

/** Opens a fresh store in a new temp directory, seeded with the demo events unless told not to. */
export async function openTempStore({ seed = true } = {}): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'diemdanh-server-'));
  const file = join(dir, 'diemdanh.sqlite');
  const temp: TempStore = {
    dir,
    file,
    store: new SqliteStore(file),
    reopen() {
      temp.store.close();
      temp.store = new SqliteStore(file);
      return temp.store;
    },
    remove() {
      temp.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (seed) await seedDemoEvents(temp.store);
  return temp;
}

/** Checks a signature the way a desk does, from the package's raw base64url public key. */
export function verifiesWith(publicKey: string, signed: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return verify(null, signed, key, signature);
}
