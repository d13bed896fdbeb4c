// The desk's data panel (loaded on demand): its own scan log as CSV, sync by file when there is no
// network, and the end-of-event wipe, which waits until the server has every fact of this desk.
import { ReadinessCard } from './readiness-card.tsx';
import { useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { defineStrings, lang, say } from '../i18n.ts';
import { pendingCount } from '../../db/record.ts';
import { wipeEvent } from '../../db/desk-data.ts';
import { handOver, importSyncFile, ownScanLogCsv, syncFile, type DeskIdentity } from './desk-files.ts';

// The panel's own strings: it is a lazy chunk, so they stay out of the desk shell.
const tr = defineStrings({
  title: { vi: 'Dữ liệu của máy', en: 'Device data' },
  exportLog: { vi: 'Tải nhật ký quét của máy này (CSV)', en: "Download this device's scan log (CSV)" },
  exportFile: { vi: 'Gửi tệp đồng bộ (không cần mạng)', en: 'Send a sync file (no network needed)' },
  importFile: { vi: 'Nhập tệp đồng bộ từ máy khác', en: 'Import a sync file from another desk' },
  wipe: { vi: 'Xoá dữ liệu sự kiện khỏi máy', en: "Wipe the event's data from this device" },
  wipeConfirm: { vi: 'Xoá danh sách, lượt điểm danh và dữ liệu sự kiện này khỏi máy? Máy chủ đã có đủ dữ liệu.', en: "Delete this event's roster, check-ins and data from this device? The server has all of it." },
  close: { vi: 'Đóng', en: 'Close' },
  working: { vi: 'Đang xử lý…', en: 'Working…' },
});

type Message = { kind: 'ok' | 'error'; vi: string; en: string };

/** The panel; `quiesce` stops sync before a wipe, `onWiped` leaves the desk for set-up. */
export function DeskDataPanel({ session, onClose, quiesce, onWiped }: {
  session: DeskSession; onClose: () => void; quiesce: () => Promise<void>; onWiped: () => void;
}) {
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);
  /** Counts finished actions, so a person (or a test) can tell a new message from the last one. */
  const [done, setDone] = useState(0);
  const who: DeskIdentity = { db: session.db, pkg: session.pkg, deviceId: session.deviceId, deskId: session.setup.deskId };
  const eventId = session.pkg.event.id;

  async function run(work: () => Promise<Message | undefined>) {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage(await work());
    } catch (error) {
      setMessage({ kind: 'error', vi: `Không thực hiện được: ${String(error)}`, en: `Failed: ${String(error)}` });
    } finally {
      setBusy(false);
      setDone((n) => n + 1);
    }
  }

  const exportLog = () => run(async () => {
    const file = await ownScanLogCsv(who, lang.value, Date.now());
    await handOver(file, { share: false });
    return { kind: 'ok', vi: `Đã tải ${file.name}`, en: `Downloaded ${file.name}` };
  });

  const exportFile = () => run(async () => {
    const file = await syncFile(who, Date.now());
    const how = await handOver(file, { share: true });
    return how === 'shared'
      ? { kind: 'ok', vi: `Đã chia sẻ ${file.facts} lượt (${file.name})`, en: `Shared ${file.facts} records (${file.name})` }
      : { kind: 'ok', vi: `Đã tải ${file.name}: ${file.facts} lượt`, en: `Downloaded ${file.name}: ${file.facts} records` };
  });

  const importFile = (input: HTMLInputElement) => run(async () => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return undefined;
    const outcome = await importSyncFile(session.db, eventId, await chosen.text());
    if (!outcome.ok) return { kind: 'error', vi: outcome.vi, en: outcome.en };
    await session.reload();
    const { added, alreadyHeld } = outcome.result;
    return { kind: 'ok', vi: `Đã nhập ${added} lượt mới; ${alreadyHeld} lượt đã có sẵn.`, en: `Imported ${added} new records; ${alreadyHeld} were already here.` };
  });

  const wipe = () => run(async () => {
    const pending = await pendingCount(session.db, eventId);
    const refusal = (n: number): Message => ({
      kind: 'error',
      vi: `Chưa thể xoá: còn ${n} lượt điểm danh chưa gửi lên máy chủ. Hãy kết nối mạng để đồng bộ trước.`,
      en: `Cannot wipe yet: ${n} check-ins have not reached the server. Connect and sync first.`,
    });
    if (pending > 0) return refusal(pending);
    if (!confirm(tr('wipeConfirm'))) return undefined;
    await quiesce();
    const result = await wipeEvent(session.db, eventId);
    if (!result.wiped) return refusal(result.pending);
    onWiped();
    return undefined;
  });

  return (
    <section class="desk-data" data-testid="desk-data-panel" aria-busy={busy} data-done={done}>
      <h2>{tr('title')}</h2>
      <ReadinessCard session={session} />
      <button disabled={busy} data-testid="export-log" onClick={exportLog}>{tr('exportLog')}</button>
      <button disabled={busy} data-testid="export-file" onClick={exportFile}>{tr('exportFile')}</button>
      <label class="file-button">
        {tr('importFile')}
        <input type="file" accept=".json,application/json" disabled={busy} data-testid="import-file"
          onChange={(e) => importFile(e.currentTarget)} />
      </label>
      <button disabled={busy} class="danger" data-testid="wipe" onClick={wipe}>{tr('wipe')}</button>
      {busy && <p>{tr('working')}</p>}
      {message && (
        <p class={message.kind === 'ok' ? 'data-ok' : 'data-error'} role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="desk-data-message" data-kind={message.kind}>
          {say(message)}
        </p>
      )}
      <button class="link" onClick={onClose}>{tr('close')}</button>
    </section>
  );
}
