// "Sẵn sàng chưa?": the desk's own check before the event, gathered from the browser and the
// desk's state; domain/readiness.ts decides, this card only gathers and shows.
import { useEffect, useState } from 'preact/hooks';
import { readiness, type CheckId, type ReadinessInput } from '../../domain/readiness.ts';
import { persisted } from '../app-state.ts';
import { lang } from '../i18n.ts';
import type { DeskSession } from './desk-session.ts';
import type { DeskReadiness } from '../../shared/sync.ts';

const LABELS: Record<CheckId, [string, string]> = {
  secure: ['Trang an toàn (HTTPS)', 'Secure page (HTTPS)'],
  camera: ['Được dùng camera', 'Camera allowed'],
  storage: ['Dữ liệu được giữ bền vững', 'Storage persisted'],
  quota: ['Dung lượng còn trống', 'Free storage'],
  package: ['Gói sự kiện đã tải (phiên bản · số người)', 'Event package (version · people)'],
  clock: ['Lệch đồng hồ so với máy chủ', 'Clock offset to the server'],
  sync: ['Lần đồng bộ gần nhất', 'Last sync'],
};

async function cameraPermission(): Promise<ReadinessInput['camera']> {
  try {
    const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
    return status.state;
  } catch {
    return 'unknown';
  }
}

async function gather(session: DeskSession): Promise<ReadinessInput> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const status = session.syncStatus.value;
  return {
    secureContext: window.isSecureContext,
    camera: await cameraPermission(),
    scannerRunning: document.body.dataset['scanner'] === 'running',
    persisted: persisted.value ?? (await navigator.storage?.persisted?.().catch(() => undefined)),
    freeBytes: estimate?.quota !== undefined ? estimate.quota - (estimate.usage ?? 0) : undefined,
    packageVersion: session.pkg.version,
    participants: session.pkg.participants.length,
    clockOffsetMs: status?.clockOffsetMs,
    lastSyncAt: status?.lastSyncAt,
    now: Date.now(),
  };
}

/** The check as the desk reports it to the server with its next push (the coordinator's device list). */
export async function checkReadiness(session: DeskSession): Promise<DeskReadiness> {
  const input = await gather(session);
  const result = readiness(input);
  return { ready: result.ready, checks: result.checks.map((c) => ({ id: c.id, state: c.state, value: c.value.slice(0, 40) })), at: input.now };
}

/** The check, one row per item, and the overall answer. */
export function ReadinessCard({ session }: { session: DeskSession }) {
  const [result, setResult] = useState<ReturnType<typeof readiness>>();
  useEffect(() => { void gather(session).then((input) => setResult(readiness(input))); }, [session, session.syncStatus.value?.lastSyncAt]);
  if (!result) return null;
  const vi = lang.value === 'vi';
  return (
    <div class="readiness" data-testid="readiness" data-ready={String(result.ready)}>
      <h3>{result.ready ? (vi ? 'Máy sẵn sàng cho sự kiện' : 'Ready for the event') : (vi ? 'Máy chưa sẵn sàng' : 'Not ready yet')}</h3>
      <ul>
        {result.checks.map((check) => (
          <li key={check.id} data-check={check.id} data-state={check.state}>
            <span aria-hidden="true">{check.state === 'ok' ? '✓' : check.state === 'warn' ? '!' : '✗'}</span> {LABELS[check.id][vi ? 0 : 1]}: <strong>{check.value}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
