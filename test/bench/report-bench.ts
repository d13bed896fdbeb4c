// Issue 6: the participants CSV of a 20,000-person event, measured through the real route
// in-process (store read + report rows + papaparse + response body), after a full day of facts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../../src/server/app.ts';
import { setCoordinatorPassword } from '../../src/server/cli/set-password.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import type { Fact } from '../../src/shared/schemas.ts';
import { COORDINATOR, login } from '../support/sync-session.ts';
import { BIG_EVENT_ID, createBigEvent } from './big-event.ts';

/** Milliseconds per export (request → whole body read), `runs` times, plus the row count seen. */
export async function csvExportBench(runs = 5): Promise<{ ms: number[]; rows: number }> {
  const work = mkdtempSync(join(tmpdir(), 'dd-report-bench-'));
  try {
    const file = join(work, 'diemdanh.sqlite');
    const big = await createBigEvent(file);
    const store = new SqliteStore(file);
    // Everyone arrives over the morning at four desks; one in twenty is scanned again offline, one in
    // fifty undone, and half go on to donate: the export has every kind of row to write.
    const base = Date.UTC(2024, 6, 10, 0, 30);
    const facts: Fact[] = [];
    big.participants.forEach((p, i) => {
      const admit = (checkpoint: Fact['checkpoint'], at: number, desk: number): Fact => ({
        id: uuidv7(), eventId: BIG_EVENT_ID, kind: 'admit', personKey: String(p.no), unitId: p.unitId, category: p.category,
        checkpoint, method: 'scan', deviceId: `may-${desk}`, deskId: `ban-${desk}`, deviceTime: at, clockOffsetMs: 0,
      });
      const first = admit('arrived', base + i * 700, 1 + (i % 4));
      facts.push(first);
      if (i % 20 === 0) facts.push(admit('arrived', base + i * 700 + 60_000, 1 + ((i + 1) % 4)));
      if (i % 50 === 0) facts.push({ ...first, id: uuidv7(), kind: 'void', method: 'undo', voids: first.id, deviceTime: first.deviceTime + 30_000 });
      if (i % 2 === 0) facts.push(admit('donated', base + i * 700 + 1_800_000, 1 + (i % 4)));
    });
    for (let i = 0; i < facts.length; i += 5000) store.ingestFacts(BIG_EVENT_ID, facts.slice(i, i + 5000), base);
    await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
    const app = createApp({ store, rateLimit: false });
    const fetcher = async (path: string, init?: RequestInit) => app.request(path, init);
    const { cookie } = await login(fetcher);
    const ms: number[] = [];
    let rows = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      const response = await app.request(`/api/events/${BIG_EVENT_ID}/reports/participants.csv`, { headers: { cookie } });
      const text = await response.text();
      ms.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`export: HTTP ${response.status}`);
      rows = text.split('\r\n').length - 2;
    }
    store.close();
    return { ms, rows };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
