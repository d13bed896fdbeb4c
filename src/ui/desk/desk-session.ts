// One desk at work: the scan pipeline from text to a recorded, shown verdict.
import { batch, computed, signal } from '@preact/signals';
import type { Fact, Participant, Unit, WalkIn } from '../../shared/schemas.ts';
import { correctedTime, readCode, type VerdictKind } from '../../domain/admit.ts';
import type { Punctuality } from '../../domain/event-time.ts';
import { punctualityFor } from '../../domain/admit.ts';
import { indexRoster, type RosterIndex } from '../../domain/roster.ts';
import { tallyByUnit } from '../../domain/tally.ts';
import type { SignatureCheck } from '../../domain/token.ts';
import type { DeskDb, StoredPackage } from '../../db/db.ts';
import { StorageError } from '../../db/db.ts';
import { factsOfEvent, recordAdmission, recordVoid, recordWalkIn, type Recorder } from '../../db/record.ts';
import type { DeskSetup } from '../../db/settings.ts';
import { recordRejection } from '../../db/desk-data.ts';
import type { RejectionReason } from '../../shared/desk-file.ts';
import { cue } from '../feedback.ts';
import type { SyncStatus } from '../../sync/sync-loop.ts';

/** What the desk shows for one scan or lookup. */
export interface ScanOutcome {
  seq: number;
  verdict: VerdictKind;
  at: number;
  person?: Participant;
  unit?: Unit;
  punctuality?: Punctuality;
  /** The standing admission: its corrected time and desk. */
  first?: { at: number; deskId: string };
  fact?: Fact;
}

/** Runs `work` after the next frame is painted, so it never delays a verdict on screen. */
function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') { setTimeout(work, 0); return; }
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** The same text read again within this window is the camera seeing the same code: ignored. */
export const REPEAT_WINDOW_MS = 3000;
const RECENT_LIMIT = 20;

export interface DeskSessionInit {
  db: DeskDb;
  pkg: StoredPackage;
  setup: DeskSetup;
  deviceId: string;
  verify: SignatureCheck;
  clockOffsetMs?: number;
  now?: () => number;
  /** Monotonic clock for the repeat window: a wall clock set back must not silence scans. */
  monotonic?: () => number;
}

/** Creates the desk's state and actions. Every verdict is shown only after its write commits. */
export function createDeskSession(init: DeskSessionInit) {
  const now = init.now ?? Date.now;
  const monotonic = init.monotonic ?? (() => performance.now());
  const index: RosterIndex = indexRoster(init.pkg);
  const rec: Recorder = {
    db: init.db, eventId: init.pkg.event.id, deviceId: init.deviceId, deskId: init.setup.deskId,
    checkpoint: init.setup.checkpoint, clockOffsetMs: init.clockOffsetMs ?? 0,
  };
  const current = signal<ScanOutcome | undefined>(undefined);
  const recent = signal<ScanOutcome[]>([]);
  const facts = signal<Fact[]>([]);
  const storageError = signal<StorageError | undefined>(undefined);
  const syncStatus = signal<SyncStatus | undefined>(undefined);
  /** Called after every fact is written: the sync loop sends it soon. */
  let onRecorded: () => void = () => undefined;
  const busy = signal(false);
  const lastActivity = signal(0);
  let seq = 0;
  let lastText = '';
  let lastTextAt = -Infinity;

  const voidedIds = computed(() => new Set(facts.value.filter((f) => f.kind === 'void').map((f) => f.voids)));
  const deskTally = computed(() => tallyByUnit(facts.value, init.pkg.units, { checkpoint: rec.checkpoint, deskId: rec.deskId }));
  const deviceTally = computed(() => tallyByUnit(facts.value, init.pkg.units, { checkpoint: rec.checkpoint, deviceId: rec.deviceId }));

  function failed(error: unknown): undefined {
    storageError.value = error instanceof StorageError ? error : new StorageError(String(error), String(error));
    return undefined;
  }

  async function reload(): Promise<void> {
    facts.value = await factsOfEvent(init.db, rec.eventId);
  }

  function show(outcome: Omit<ScanOutcome, 'seq' | 'at'> & { at?: number }): ScanOutcome {
    const shown: ScanOutcome = { at: now(), ...outcome, seq: ++seq };
    batch(() => {
      current.value = shown;
      storageError.value = undefined;
    });
    cue(shown.verdict);
    // The verdict paints first; the list, the tally, the idle timer and sync follow a frame later.
    afterPaint(() => {
      batch(() => {
        recent.value = [shown, ...recent.value].slice(0, RECENT_LIMIT);
        if (shown.fact) facts.value = [...facts.value, shown.fact];
        lastActivity.value = now();
      });
      if (shown.fact) onRecorded();
    });
    return shown;
  }

  function timing(person: Participant | undefined, at: number) {
    const unit = person ? index.units.get(person.unitId) : undefined;
    return { unit, punctuality: person ? punctualityFor({ at: at + rec.clockOffsetMs, unit, event: init.pkg.event }) : undefined };
  }

  /** Notes a refused scan for this desk's scan log once the verdict is painted (never a fact). */
  function noteRefusal(reason: RejectionReason, details: { codeNo?: number; otherEventId?: number; text?: string }): void {
    const at = now();
    afterPaint(() => { void recordRejection(rec, { reason, now: at, ...details }); });
  }

  /** `code` is the signed text a scan read: the fact carries it so the server can check the claim. */
  async function admitCode(codeNo: number, method: 'scan' | 'lookup', code?: string): Promise<ScanOutcome | undefined> {
    const person = index.byNo.get(codeNo);
    const at = now();
    try {
      const result = await recordAdmission(rec, { codeNo, person, revoked: index.revoked.has(codeNo), method, code, now: at });
      switch (result.kind) {
        case 'admit':
          return show({ verdict: result.unknown ? 'unknown' : 'admitted', person, fact: result.fact, ...timing(person, at), at });
        case 'already':
          noteRefusal('already', { codeNo });
          // Corrected time (server clock), the same minute the coordinator's reports show.
          return show({ verdict: 'already', person, unit: timing(person, at).unit, first: { at: correctedTime(result.first), deskId: result.first.deskId } });
        case 'voided':
          noteRefusal('voided', { codeNo });
          return show({ verdict: 'voided', person, unit: timing(person, at).unit });
      }
    } catch (error) {
      return failed(error);
    }
  }

  /** Handles text from the scanner. Rejected codes are shown, never written as facts; noted for the scan log. */
  async function handleText(text: string): Promise<ScanOutcome | undefined> {
    const at = monotonic();
    if (text === lastText && at - lastTextAt < REPEAT_WINDOW_MS) return undefined;
    lastText = text;
    lastTextAt = at;
    busy.value = true;
    try {
      const reading = await readCode({ text, eventId: rec.eventId, verify: init.verify });
      switch (reading.kind) {
        case 'not-a-code':
        case 'forged':
          noteRefusal(reading.kind, { text });
          return show({ verdict: reading.kind });
        case 'wrong-event':
          noteRefusal(reading.kind, { otherEventId: reading.eventId });
          return show({ verdict: reading.kind });
        case 'signed':
          return await admitCode(reading.codeNo, 'scan', text);
      }
    } finally {
      busy.value = false;
    }
  }

  /** Admits a roster person picked by name lookup. */
  function admitPerson(person: Participant): Promise<ScanOutcome | undefined> {
    return admitCode(person.no, 'lookup');
  }

  /** Registers and admits a walk-in. */
  async function admitWalkIn(walkIn: WalkIn): Promise<ScanOutcome | undefined> {
    const at = now();
    try {
      const fact = await recordWalkIn(rec, walkIn, at);
      const unit = index.units.get(walkIn.unitId);
      const person: Participant = { no: 0, name: walkIn.name, phone: walkIn.phone ?? '', unitId: walkIn.unitId, category: walkIn.category };
      return show({ verdict: 'admitted', person, unit, fact, at, punctuality: punctualityFor({ at: at + rec.clockOffsetMs, unit, event: init.pkg.event }) });
    } catch (error) {
      return failed(error);
    }
  }

  /** Undoes an admission shown in the recent list: a void fact, never a delete. */
  async function undo(outcome: ScanOutcome): Promise<void> {
    if (!outcome.fact || outcome.fact.kind !== 'admit') return;
    try {
      const voidFact = await recordVoid(rec, outcome.fact, now());
      facts.value = [...facts.value, voidFact];
      onRecorded();
      lastActivity.value = now();
      if (current.value?.seq === outcome.seq) current.value = { ...outcome, verdict: 'voided' };
    } catch (error) {
      failed(error);
    }
  }

  return {
    pkg: init.pkg, index, setup: init.setup, deviceId: init.deviceId, db: init.db,
    current, recent, facts, voidedIds, deskTally, deviceTally, storageError, busy, lastActivity, syncStatus,
    reload, handleText, admitPerson, admitWalkIn, undo,
    /** Connects the sync loop: kicked after each write; its status shown; its clock used. */
    attachSync(kick: () => void) { onRecorded = kick; },
    applySyncStatus(status: SyncStatus) {
      syncStatus.value = status;
      if (status.clockOffsetMs !== undefined) rec.clockOffsetMs = status.clockOffsetMs;
      // A quarantined fact left the log: the desk's counts follow the server's.
      if (status.pulled || status.quarantined) void reload();
    },
  };
}

export type DeskSession = ReturnType<typeof createDeskSession>;
