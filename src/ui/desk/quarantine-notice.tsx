// Tells the volunteer that the server refused some of this desk's scans. They are kept on the
// device (db/quarantine.ts) and in its files; the coordinator decides what to do with them.
import { useEffect, useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { quarantinedCount } from '../../db/quarantine.ts';
import { defineStrings } from '../i18n.ts';

const q = defineStrings({
  refused: { vi: '{n} lượt quét bị máy chủ từ chối', en: '{n} scans refused by the server' },
  kept: {
    vi: 'Vẫn lưu trên máy và trong tệp dữ liệu của bàn. Hãy báo điều phối viên.',
    en: "Still kept on this device and in the desk's data file. Tell the coordinator.",
  },
});

/** Shown while the event has quarantined facts; re-counted after every sync. */
export function QuarantineNotice({ session }: { session: DeskSession }) {
  const [count, setCount] = useState(0);
  const status = session.syncStatus.value;
  useEffect(() => { void quarantinedCount(session.db, session.pkg.event.id).then(setCount); }, [session, status?.state, status?.quarantined]);
  if (count === 0) return null;
  return (
    <p class="sync-error" role="status" data-testid="quarantine-notice" data-count={count}>
      <strong>{q('refused', count)}</strong> {q('kept')}
    </p>
  );
}
