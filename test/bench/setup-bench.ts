// Issue 5's figures: a 20,000-row roster import (parse + validate + store), the desk's download of
// that roster into its Dexie database, and a 500-badge sheet, all through the real code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/app.ts';
import { MaskPrecomputer } from '../../src/server/codes/masks.ts';
import { buildDemoEvent } from '../../src/server/demo/seed.ts';
import { importRoster } from '../../src/server/roster/import.ts';
import { setCoordinatorPassword } from '../../src/server/cli/set-password.ts';
import { createSigner } from '../../src/server/codes/signing.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import { COORDINATOR, login, pairDesk, type Fetcher } from '../support/sync-session.ts';
import { bigPlan, BIG_EVENT_ID } from './big-event.ts';
import { emit, median } from './report.ts';

const ROWS = 20_000;
const SHEET = 500;

/** A 20,000-row CSV as a committee exports it: semicolons, BOM, Vietnamese headers, unique phones. */
export function rosterCsv(unitNames: readonly string[], rows: number, phoneBase = 910_000_000): Uint8Array {
  const lines = ['\uFEFFSTT;Họ và tên;Đơn vị;Điện thoại;CCCD'];
  for (let i = 0; i < rows; i++) {
    const id = String(phoneBase + i).padStart(12, '0');
    lines.push(`${i + 1};Nguyễn Thị Bích Ngọc ${i};${unitNames[i % unitNames.length]};0${phoneBase + i};${id}`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** A store holding the big event's 300 units and no one on its roster yet. */
function emptyBigEvent(dir: string): SqliteStore {
  const store = new SqliteStore(join(dir, 'diemdanh.sqlite'));
  store.createEvent({ ...buildDemoEvent(bigPlan()), participants: [] });
  return store;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function importRuns(csv: Uint8Array, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'dd-setup-bench-'));
    const store = emptyBigEvent(dir);
    try {
      const { ms, value } = await timed(() => importRoster(store, { eventId: BIG_EVENT_ID, bytes: csv, commit: true }));
      if (!value.ok || value.report.imported?.count !== ROWS) throw new Error(`import failed: ${JSON.stringify(value).slice(0, 400)}`);
      times.push(ms);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return times;
}

async function downloadRuns(store: SqliteStore, runs: number): Promise<number[]> {
  await import('./fake-idb.ts');
  const { DeskDb } = await import('../../src/db/db.ts');
  const { refreshPackage } = await import('../../src/sync/package-download.ts');
  const app = createApp({ store, rateLimit: false });
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
  const { token } = await pairDesk(fetcher, await login(fetcher), { eventId: BIG_EVENT_ID, deskId: 'ban-1', name: 'Bench' });
  const appFetch = (async (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init)) as typeof fetch;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const db = new DeskDb(`bench-download-${r}`);
    const { ms, value } = await timed(() => refreshPackage({ db, eventId: BIG_EVENT_ID, token, fetch: appFetch }));
    if (value?.participants.length !== ROWS) throw new Error(`download installed ${value?.participants.length} people`);
    times.push(ms);
    await db.delete();
  }
  return times;
}

/** Times the badge route for one 500-person unit: once before its masks were chosen, then after. */
async function badgeRuns(dir: string, runs: number): Promise<{ cold: number; warm: number[] }> {
  const store = new SqliteStore(join(dir, 'badges.sqlite'));
  const plan = bigPlan();
  store.createEvent({ ...buildDemoEvent({ ...plan, units: plan.units.slice(0, 2) }), participants: [] });
  const imported = await importRoster(store, { eventId: BIG_EVENT_ID, bytes: rosterCsv([plan.units[0]!.name], SHEET), commit: true });
  await importRoster(store, { eventId: BIG_EVENT_ID, bytes: rosterCsv([plan.units[1]!.name], SHEET, 920_000_000), commit: true });
  if (!imported.ok || !imported.report.imported) throw new Error('badge bench import failed');
  const app = createApp({ store, rateLimit: false });
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  await setCoordinatorPassword(store, { ...COORDINATOR, now: Date.now() });
  const { cookie } = await login(fetcher);
  const sheet = async (unitId: number) => {
    const { ms, value } = await timed(async () => (await app.request(`/api/events/${BIG_EVENT_ID}/units/${unitId}/badges`, { headers: { cookie } })).text());
    if ((value.match(/<svg/g) ?? []).length !== SHEET) throw new Error('badge sheet is missing badges');
    return ms;
  };
  // Unit 2's codes have no mask chosen yet: what a sheet costs when nothing was prepared.
  const cold = await sheet(2);
  // Unit 1: masks chosen in the background after the import, as the import route does.
  await new MaskPrecomputer(store, createSigner(store)).schedule(BIG_EVENT_ID);
  const warm: number[] = [];
  for (let r = 0; r < runs; r++) warm.push(await sheet(1));
  store.close();
  return { cold, warm };
}

/** Runs all three and prints their BENCH lines. */
export async function setupBench(): Promise<void> {
  const plan = bigPlan();
  const csv = rosterCsv(plan.units.map((u) => u.name), ROWS);
  emit('roster_import_20k_ms', median(await importRuns(csv, 3)), 'ms', 2000);
  const dir = mkdtempSync(join(tmpdir(), 'dd-setup-bench-'));
  try {
    const store = emptyBigEvent(dir);
    await importRoster(store, { eventId: BIG_EVENT_ID, bytes: csv, commit: true });
    emit('package_download_20k_ms', median(await downloadRuns(store, 3)), 'ms', 3000);
    store.close();
    const badges = await badgeRuns(dir, 5);
    emit('badge_sheet_500_ms', median(badges.warm), 'ms', 2000);
    emit('badge_sheet_500_cold_ms', badges.cold, 'ms', null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
