// The backup schedule on its own: named by start time, the newest kept, a failure logged and
// tried again soon; and the real store's online backup, taken while facts keep arriving.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupName, backupStartedAt, listBackups, scheduleBackups } from '../../../src/server/ops/backup.ts';
import { restoreBackup } from '../../../src/server/cli/restore.ts';
import { admitFact } from '../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

const dirs: string[] = [];
let temp: TempStore | undefined;
const tempDir = (): string => { const dir = mkdtempSync(join(tmpdir(), 'dd-backup-')); dirs.push(dir); return dir; };
afterEach(() => { temp?.remove(); temp = undefined; for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backup schedule', () => {
  it('names each backup by its start, keeps the newest ones, and retries soon after a failure', async () => {
    const dir = join(tempDir(), 'backups');
    const lines: Array<Record<string, unknown>> = [];
    let calls = 0;
    let clock = Date.UTC(2024, 6, 10, 1, 0);
    const schedule = scheduleBackups({
      dir, everyMs: 60_000, retryMs: 20, keep: 3, now: () => (clock += 1000), log: (line) => lines.push(line),
      backup: async (file) => {
        calls += 1;
        if (calls === 1) throw new Error('ENOSPC: no space left on device');
        writeFileSync(file, `copy ${calls}`);
      },
    });
    expect(await schedule.runOnce()).toBeUndefined();
    expect(lines[0]).toMatchObject({ backup: 'failed', error: 'ENOSPC: no space left on device', dir });
    expect(readdirSync(dir)).toEqual([]); // nothing half-written is left
    for (let i = 0; i < 4; i++) await schedule.runOnce();
    const kept = listBackups(dir);
    expect(kept).toHaveLength(3);
    expect(kept.map((file) => backupStartedAt(file.split('/').pop()!))).toEqual([...kept.map((file) => backupStartedAt(file.split('/').pop()!))].sort());
    const last = await schedule.stop(); // the shutdown backup
    expect(last).toBe(listBackups(dir).at(-1));
    expect(lines.filter((l) => l['backup'] === 'ok')).toHaveLength(5);
  });

  it('tries again on its own after a failure, sooner than the regular period', async () => {
    const dir = join(tempDir(), 'backups');
    let calls = 0;
    const schedule = scheduleBackups({
      dir, everyMs: 30, retryMs: 10, log: () => undefined,
      backup: async (file) => { calls += 1; if (calls <= 2) throw new Error('disk busy'); writeFileSync(file, 'ok'); },
    });
    await wait(400);
    await schedule.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(listBackups(dir).length).toBeGreaterThanOrEqual(1);
  });

  it('reads a start time back from a name, and nothing from other files', () => {
    const at = Date.UTC(2024, 6, 10, 1, 2, 3, 456);
    expect(backupName(at)).toBe('diemdanh-20240710T010203456Z.sqlite');
    expect(backupStartedAt(backupName(at))).toBe(at);
    expect(backupStartedAt('diemdanh-20240710T010203456Z.sqlite.partial')).toBeUndefined();
  });
});

describe('the embedded store online backup', () => {
  it('copies a consistent database while pushes keep coming, and restore brings it back', async () => {
    temp = await openTempStore();
    const store = temp.store;
    const people = store.getPackage(1)!.participants;
    const desk = { eventId: 1, deviceId: 'may-1', deskId: 'ban-1' };
    let n = 0;
    const ingestSome = () => {
      const batch = people.slice(n, n + 20).map((p, i) => admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: Date.now() + n + i }));
      n += batch.length;
      store.ingestFacts(1, batch, Date.now());
    };
    ingestSome();
    const before = n;
    const file = join(tempDir(), 'copy.sqlite');
    const copying = store.backup(file);
    const writer = setInterval(ingestSome, 1);
    await copying;
    clearInterval(writer);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const inCopy = copy.prepare('SELECT count(*) FROM facts').pluck().get() as number;
    copy.close();
    expect(inCopy).toBeGreaterThanOrEqual(before);
    expect(inCopy).toBeLessThanOrEqual(n);

    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'diemdanh.sqlite'), 'an older database');
    const outcome = restoreBackup(file, dataDir);
    expect(outcome.facts).toBe(inCopy);
    expect(existsSync(outcome.keptAs!)).toBe(true);
    const restored = new Database(outcome.target, { readonly: true });
    expect(restored.prepare('SELECT count(*) FROM facts').pluck().get()).toBe(inCopy);
    restored.close();
  });

  it('restore refuses a file that is not a sound database and leaves the data folder alone', () => {
    const dir = tempDir();
    const bad = join(dir, 'cut.sqlite');
    writeFileSync(bad, 'SQLite format 3\u0000 cut short');
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'diemdanh.sqlite'), 'current');
    expect(() => restoreBackup(bad, dataDir)).toThrow(/cannot restore .*cut\.sqlite/);
    expect(readdirSync(dataDir)).toEqual(['diemdanh.sqlite']);
  });
});
