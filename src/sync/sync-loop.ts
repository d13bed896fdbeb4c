// When a desk syncs: after each scan, when the network returns, when the screen is shown
// again, and on a timer that backs off while the server cannot be reached. No background-sync
// API is relied on.
import { pullAll, pushBatch, SyncError, type SyncTarget } from './sync-client.ts';
import { pendingCount } from '../db/record.ts';
import { refreshPackage } from './package-download.ts';

/** What the desk shows about sync. */
export interface SyncStatus {
  state: 'idle' | 'syncing' | 'failed' | 'revoked';
  pending: number;
  lastSyncAt?: number;
  clockOffsetMs?: number;
  pulled?: number;
  /** Facts the server refused in this sync, now in the desk's quarantine. */
  quarantined?: number;
  /** A newer event package (roster, units, re-issued codes) was installed by this sync. */
  packageUpdated?: boolean;
  error?: { vi: string; en: string };
}

export interface SyncLoopOptions {
  onStatus: (status: SyncStatus) => void;
  steadyMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

/** Starts syncing `target`; returns `kick` (sync soon) and `stop`. */
export function startSyncLoop(target: SyncTarget, options: SyncLoopOptions): { kick: () => void; stop: () => void; idle: () => Promise<void> } {
  const steadyMs = options.steadyMs ?? 15_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const now = options.now ?? Date.now;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastSyncAt: number | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(kick, ms);
  };

  async function once(): Promise<void> {
    options.onStatus({ state: 'syncing', pending: await pendingCount(target.db, target.eventId), lastSyncAt });
    try {
      let push = await pushBatch(target);
      let quarantined = push.quarantined;
      // A batch whose facts were all refused still moved the outbox on: keep going.
      while (push.remaining > 0 && push.sent + push.quarantined > 0) {
        push = await pushBatch(target);
        quarantined += push.quarantined;
      }
      const pulled = await pullAll(target);
      const updated = await refreshPackage(target);
      failures = 0;
      lastSyncAt = now();
      options.onStatus({ state: 'idle', pending: push.remaining, lastSyncAt, clockOffsetMs: push.offset, pulled, quarantined, packageUpdated: !!updated });
      schedule(steadyMs);
    } catch (error) {
      failures++;
      const e = error instanceof SyncError ? error : new SyncError('server', String(error), String(error));
      options.onStatus({ state: e.kind === 'revoked' ? 'revoked' : 'failed', pending: await pendingCount(target.db, target.eventId), lastSyncAt, error: { vi: e.vi, en: e.en } });
      if (e.kind === 'revoked') return;
      // Exponential backoff with jitter, so fifty desks do not return to the server in step.
      schedule(Math.min(maxBackoffMs, 2_000 * 2 ** Math.min(failures, 6)) * (0.75 + Math.random() / 2));
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) { again = true; return; }
    running = (async () => {
      do { again = false; await once(); } while (again && !stopped);
    })().finally(() => { running = undefined; });
  }

  const onOnline = () => kick();
  const onVisible = () => { if (document.visibilityState === 'visible') kick(); };
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
  }
  kick();
  return {
    kick,
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        document.removeEventListener('visibilitychange', onVisible);
      }
    },
    /** Resolves when no sync is running (for tests). */
    async idle() { while (running) await running; },
  };
}
