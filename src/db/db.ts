// The desk's own database. Facts and their outbox rows are written together, durably.
import Dexie, { type EntityTable } from 'dexie';
import type { EventPackage, Fact, Participant } from '../shared/schemas.ts';
import type { QuarantinedFact, Rejection } from '../shared/desk-file.ts';

/** A downloaded event package, kept whole: one read brings the desk back after a restart. */
export interface StoredPackage extends EventPackage {
  eventId: number;
  downloadedAt: number;
}

/** A fact not yet acknowledged by the server. Deleted only on the server's acknowledgement. */
export interface OutboxRow {
  factId: string;
  eventId: number;
  queuedAt: number;
}

/** Roster rows of a package download in progress; kept so an interrupted download resumes. */
export interface StagedParticipant extends Participant {
  eventId: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Dexie database of one device. */
export class DeskDb extends Dexie {
  packages!: EntityTable<StoredPackage, 'eventId'>;
  facts!: EntityTable<Fact, 'id'>;
  outbox!: EntityTable<OutboxRow, 'factId'>;
  settings!: EntityTable<SettingRow, 'key'>;
  rosterStaging!: EntityTable<StagedParticipant, 'eventId'>;
  /** Refused scans (forged, wrong event, not a code, already, voided): never facts, kept for this desk's scan log. */
  rejections!: EntityTable<Rejection, 'id'>;
  /** Facts the server refused (db/quarantine.ts): out of the log and the outbox, kept with the reason. */
  quarantine!: EntityTable<QuarantinedFact, 'factId'>;

  constructor(name = 'diem-danh') {
    // 'strict' makes Chrome flush to disk before a write transaction reports complete,
    // so a verdict shown after commit survives a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      packages: 'eventId',
      facts: 'id, [eventId+personKey], [eventId+deviceTime]',
      outbox: 'factId, eventId',
      settings: 'key',
    });
    // v2: paged, resumable roster downloads.
    this.version(2).stores({ rosterStaging: '[eventId+no]' });
    // v3: the desk's own log of refused scans, for its scan-log export.
    this.version(3).stores({ rejections: 'id, [eventId+deviceTime]' });
    // v4: facts the server refused, so one bad fact never blocks the outbox.
    this.version(4).stores({ quarantine: 'factId, eventId' });
  }
}

/** The storage failed (full, blocked, private mode). Carries a message in both languages. */
export class StorageError extends Error {
  constructor(readonly vi: string, readonly en: string, options?: { cause?: unknown }) {
    super(en, options);
    this.name = 'StorageError';
  }
}

/** Turns any IndexedDB failure into a StorageError a volunteer can read. */
export function asStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new StorageError(
      'Bộ nhớ thiết bị đã đầy. Lượt quét này CHƯA được lưu. Hãy giải phóng dung lượng rồi quét lại.',
      'Device storage is full. This scan was NOT saved. Free some space and scan again.',
      { cause: error },
    );
  }
  return new StorageError(
    'Không ghi được vào bộ nhớ thiết bị. Lượt quét này CHƯA được lưu. Hãy thử lại hoặc dùng trình duyệt khác.',
    'Could not write to device storage. This scan was NOT saved. Try again or use another browser.',
    { cause: error },
  );
}
