// Power cut: kill -9 the real server process while 50 desks push, restart it on the same
// data file, and every fact it acknowledged is there; every batch is there whole or not at all.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../../../src/shared/schemas.ts';
import { PushResponse } from '../../../../src/shared/sync.ts';
import { fetchPackage, startServer, type RunningServer } from '../../../support/server.ts';
import {
  admitFact, httpFetcher, jsonInit, login, pairDesk, politeFetcher, prepareCoordinator, pullAll,
} from '../../../support/sync-session.ts';

const DESKS = 50;
const BATCHES = 10;
const BATCH = 100;
const KILL_AFTER_ACKED = 8_000;

interface DeskRun { token: string; batches: Fact[][]; acked: Set<string>; sent: number; failed: boolean }

describe('crash recovery', () => {
  let dataDir = '';
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged fact through kill -9, with no half-written batch', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'diemdanh-crash-'));
    await prepareCoordinator(dataDir);
    server = await startServer({ dataDir });
    const fetcher = politeFetcher(httpFetcher(server.url));
    const coordinator = await login(fetcher);
    const people = (await fetchPackage(server.url, 1, server.coordinator)).participants;
    const desks: DeskRun[] = [];
    for (let d = 0; d < DESKS; d++) {
      const paired = await pairDesk(fetcher, coordinator, { eventId: 1, deskId: `ban-${1 + (d % 4)}`, name: `Máy ${d + 1}` });
      const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => {
        const person = people[(d * 7919 + b * BATCH + i) % people.length]!;
        return admitFact(paired, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: Date.now() });
      }));
      desks.push({ token: paired.token, batches, acked: new Set(), sent: 0, failed: false });
    }

    let acked = 0;
    let killed: Promise<void> | undefined;
    const running = server;
    const pushAll = async (desk: DeskRun): Promise<void> => {
      for (const batch of desk.batches) {
        desk.sent++;
        try {
          const response = await fetch(`${running.url}/api/events/1/facts`, jsonInit('POST', { facts: batch, pending: 0 }, { token: desk.token }));
          if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          const { stored } = PushResponse.parse(await response.json());
          for (const id of stored) desk.acked.add(id);
          acked += stored.length;
        } catch {
          desk.failed = true; // the server died under this request: its answer never came
          return;
        }
        if (acked >= KILL_AFTER_ACKED) killed ??= running.kill9();
      }
    };
    await Promise.all(desks.map(pushAll));
    await killed;
    expect(killed, 'the server was killed while desks were pushing').toBeDefined();
    expect(desks.some((d) => d.failed), 'some push was cut off by the kill').toBe(true);

    server = await startServer({ dataDir });
    // The session cookie is in the data file too, so the coordinator is still signed in.
    const { facts } = await pullAll(httpFetcher(server.url), coordinator, 1);
    const held = new Set(facts.map((f) => f.id));
    expect(held.size).toBe(facts.length);
    const ackedIds = desks.flatMap((d) => [...d.acked]);
    console.log(`crash: ${ackedIds.length} acknowledged, ${facts.length} held after restart`);
    expect(ackedIds.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKED);
    expect(ackedIds.filter((id) => !held.has(id))).toEqual([]);
    for (const desk of desks) {
      for (const batch of desk.batches.slice(0, desk.sent)) {
        const present = batch.filter((f) => held.has(f.id)).length;
        expect([0, batch.length]).toContain(present);
      }
      for (const batch of desk.batches.slice(desk.sent)) expect(batch.some((f) => held.has(f.id))).toBe(false);
    }
    await server.stop();
    server = undefined;
    const db = new Database(join(dataDir, 'diemdanh.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});
