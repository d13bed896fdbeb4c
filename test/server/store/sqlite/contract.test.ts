// The Store contract against the embedded SQLite store, on a temp file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../../src/server/store/sqlite/sqlite-store.ts';
import { describeStoreContract, type StoreHarness } from '../contract.ts';

describeStoreContract('SQLite', async (): Promise<StoreHarness> => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-contract-'));
  const file = join(dir, 'diemdanh.sqlite');
  const harness: StoreHarness = {
    store: new SqliteStore(file),
    async reopen() {
      harness.store.close();
      harness.store = new SqliteStore(file);
      return harness.store;
    },
    async remove() {
      harness.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
});
