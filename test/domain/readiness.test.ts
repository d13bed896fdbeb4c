import { describe, expect, it } from 'vitest';
import { MIN_FREE_BYTES, readiness, type ReadinessInput } from '../../src/domain/readiness.ts';

const NOW = Date.UTC(2024, 6, 10, 0, 30);
const good: ReadinessInput = {
  secureContext: true, camera: 'granted', scannerRunning: true, persisted: true, freeBytes: 2 * MIN_FREE_BYTES,
  packageVersion: 3, participants: 541, clockOffsetMs: 1200, lastSyncAt: NOW - 60_000, now: NOW,
};
const stateOf = (input: ReadinessInput, id: string) => readiness(input).checks.find((c) => c.id === id)!.state;

describe('readiness', () => {
  it('is ready when every check passes, and says what each one saw', () => {
    const result = readiness(good);
    expect(result.ready).toBe(true);
    expect(result.checks.map((c) => [c.id, c.state, c.value])).toEqual([
      ['secure', 'ok', 'HTTPS'], ['camera', 'ok', 'granted'], ['storage', 'ok', 'true'], ['quota', 'ok', '100 MB'],
      ['package', 'ok', 'v3 · 541'], ['clock', 'ok', '1 s'], ['sync', 'ok', '1 min'],
    ]);
  });

  it('is not ready over plain HTTP, with the camera refused, without a roster or short of space', () => {
    expect(readiness({ ...good, secureContext: false }).ready).toBe(false);
    expect(readiness({ ...good, camera: 'denied', scannerRunning: false }).ready).toBe(false);
    expect(readiness({ ...good, participants: 0 }).ready).toBe(false);
    expect(readiness({ ...good, freeBytes: MIN_FREE_BYTES - 1 }).ready).toBe(false);
  });

  it('only warns for what a desk can live with: no persistence yet, an old sync, a clock far off, a camera not yet asked', () => {
    const input = { ...good, persisted: false, lastSyncAt: NOW - 3_600_000, clockOffsetMs: 20 * 60_000, camera: 'prompt' as const, scannerRunning: false };
    expect(readiness(input).ready).toBe(true);
    for (const id of ['storage', 'sync', 'clock', 'camera']) expect(stateOf(input, id)).toBe('warn');
    expect(stateOf({ ...good, lastSyncAt: undefined }, 'sync')).toBe('warn');
  });
});
