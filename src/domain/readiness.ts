// "Is this tablet ready for the event?": one pure verdict over what the desk can observe, so the
// desk's check page only gathers facts and shows the answer.

/** What the desk observed; undefined where the browser would not say. */
export interface ReadinessInput {
  secureContext: boolean;
  camera: 'granted' | 'denied' | 'prompt' | 'unknown';
  /** The scanner has a picture, which proves the camera works whatever the permission API says. */
  scannerRunning: boolean;
  persisted: boolean | undefined;
  freeBytes: number | undefined;
  packageVersion: number;
  participants: number;
  clockOffsetMs: number | undefined;
  lastSyncAt: number | undefined;
  now: number;
}

/** One line of the check: ok, a warning that does not stop the desk, or a blocker. */
export type CheckState = 'ok' | 'warn' | 'fail';
/** Which thing a check looks at. */
export type CheckId = 'secure' | 'camera' | 'storage' | 'quota' | 'package' | 'clock' | 'sync';
/** One check's outcome and what it saw, for the desk to show. */
export interface ReadinessCheck { id: CheckId; state: CheckState; value: string }

/** Below this much free space a day of photos-free check-ins still fits, but an update may not. */
export const MIN_FREE_BYTES = 50 * 1024 * 1024;
/** A clock further off is corrected by the measured offset, but worth a look. */
export const MAX_CLOCK_OFFSET_MS = 5 * 60_000;
/** Older than this, the desk may not know of check-ins at other desks. */
export const MAX_SYNC_AGE_MS = 15 * 60_000;

const mb = (bytes: number): string => `${Math.floor(bytes / (1024 * 1024))} MB`;

/** Every check, and ready when none of them fails (warnings allowed: a desk can run offline). */
export function readiness(input: ReadinessInput): { ready: boolean; checks: ReadinessCheck[] } {
  const cameraOk = input.scannerRunning || input.camera === 'granted';
  const checks: ReadinessCheck[] = [
    { id: 'secure', state: input.secureContext ? 'ok' : 'fail', value: input.secureContext ? 'HTTPS' : 'HTTP' },
    { id: 'camera', state: cameraOk ? 'ok' : input.camera === 'denied' ? 'fail' : 'warn', value: cameraOk ? 'granted' : input.camera },
    { id: 'storage', state: input.persisted ? 'ok' : 'warn', value: String(input.persisted ?? 'unknown') },
    { id: 'quota', state: input.freeBytes === undefined ? 'warn' : input.freeBytes >= MIN_FREE_BYTES ? 'ok' : 'fail', value: input.freeBytes === undefined ? '?' : mb(input.freeBytes) },
    { id: 'package', state: input.participants > 0 ? 'ok' : 'fail', value: `v${input.packageVersion} · ${input.participants}` },
    {
      id: 'clock',
      state: input.clockOffsetMs === undefined ? 'warn' : Math.abs(input.clockOffsetMs) <= MAX_CLOCK_OFFSET_MS ? 'ok' : 'warn',
      value: input.clockOffsetMs === undefined ? '?' : `${Math.round(input.clockOffsetMs / 1000)} s`,
    },
    {
      id: 'sync',
      state: input.lastSyncAt !== undefined && input.now - input.lastSyncAt <= MAX_SYNC_AGE_MS ? 'ok' : 'warn',
      value: input.lastSyncAt === undefined ? '—' : `${Math.round((input.now - input.lastSyncAt) / 60_000)} min`,
    },
  ];
  return { ready: checks.every((check) => check.state !== 'fail'), checks };
}
