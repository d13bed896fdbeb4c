// The Store contract against a real PostgreSQL: PG_TEST_URL, or a throw-away cluster of its
// own. A fresh database per test. Without PostgreSQL it skips, except under CI, where it fails.
import { afterAll, describe } from 'vitest';
import { PgStore } from '../../../../src/server/store/pg/pg-store.ts';
import { freshDatabase, pgForTests } from '../../../support/pg-cluster.ts';
import { describeStoreContract, type StoreHarness } from '../contract.ts';

const server = await pgForTests();
afterAll(async () => server?.stop());

describe.skipIf(!server)('PostgreSQL', () => {
  describeStoreContract('PostgreSQL', async (): Promise<StoreHarness> => {
    const db = await freshDatabase(server!);
    const harness: StoreHarness = {
      store: await PgStore.open(db.url),
      async reopen() {
        await harness.store.close();
        harness.store = await PgStore.open(db.url);
        return harness.store;
      },
      async remove() {
        await harness.store.close();
        await db.drop();
      },
    };
    return harness;
  });
});
