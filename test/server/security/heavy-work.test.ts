// Item 6: reading a roster file or a desk file must not hold the event loop. Both are read in a
// worker thread (server/offload); a desk file's facts are then judged and stored a push's worth at
// a time. The bound below is loose on purpose (the CPU is shared with other test files): on the
// event loop, this roster held it for about 0.75 s and this desk file for about 0.7 s.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeskFile } from '../../../src/domain/desk-file.ts';
import { DeskFileImportResult } from '../../../src/shared/desk-file.ts';
import { ImportReport } from '../../../src/shared/roster-import.ts';
import { admitFact, authHeaders } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from '../http/sync-fixture.ts';

/** The event loop's longest stall (ms) while `work` runs: the widest gap between ticks of a 5 ms timer. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let widest = 0;
  const tick = () => { const now = performance.now(); widest = Math.max(widest, now - last); last = now; };
  const timer = setInterval(tick, 5);
  try {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const value = await work();
    // One more tick, so a stall at the very end is measured too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { value, stallMs: widest };
  } finally {
    clearInterval(timer);
  }
}

const STALL_BOUND_MS = 300;

let fx: SyncFixture;
beforeEach(async () => { fx = await openSyncFixture(); });
afterEach(() => fx.close());

describe('heavy work off the event loop', () => {
  it('previews a 100,000-row roster without holding other requests', async () => {
    const unit = fx.temp.store.unitsOf(1).find((u) => u.quotas.length === 1)!;
    const lines = ['Họ và tên;Điện thoại'];
    for (let i = 0; i < 100_000; i++) lines.push(`Nguyễn Thị Bích Ngọc ${i};09${String(10_000_000 + i)}`);
    const body = new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
    const before = fx.temp.store.rosterIdentities(1).length;
    const { value: response, stallMs } = await longestStall(async () => fx.app.request(`/api/events/1/roster-import?unit=${unit.id}`, {
      method: 'POST', headers: { 'content-type': 'text/csv', ...authHeaders(fx.coordinator) }, body,
    }));
    expect(response.status).toBe(200);
    const report = ImportReport.parse(await response.json());
    expect(report.rowCount).toBe(100_000);
    expect(report.problemCount).toBe(0);
    expect(report.imported).toBeUndefined();
    expect(fx.temp.store.rosterIdentities(1)).toHaveLength(before);
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);

  it('imports a 20,000-fact desk file a push at a time, every fact stored, without holding other requests', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const roster = fx.people(1);
    const facts = Array.from({ length: 20_000 }, (_, i) => {
      const p = roster[i % roster.length]!;
      return admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + (i + 1) * 100 });
    });
    const text = writeDeskFile({ eventId: 1, deviceId: desk.deviceId, deskId: desk.deskId, exportedAt: T0 + 3_000_000, facts });
    const { value: response, stallMs } = await longestStall(async () => fx.app.request('/api/events/1/desk-file', {
      method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(fx.coordinator) }, body: text,
    }));
    expect(response.status).toBe(200);
    expect(DeskFileImportResult.parse(await response.json())).toEqual({ added: 20_000, alreadyHeld: 0 });
    expect(fx.temp.store.factsOf(1).facts.map((f) => f.id).sort()).toEqual(facts.map((f) => f.id).sort());
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  }, 60_000);
});
