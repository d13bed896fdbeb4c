// One desk at work: from scanned text to a recorded, shown verdict. The verdict is decided by
// domain/admit.ts inside db/record.ts's transaction; this file keeps the signals, the repeat
// window and the work done after the verdict is painted.
import type { Participant, WalkIn } from '../../shared/schemas.ts';
import { admitWalkIn, admits, correctedTime, readCode, refusalOf, type CodeReading, type Verdict } from '../../domain/admit.ts';
import { indexRoster, type RosterIndex } from '../../domain/roster.ts';
import type { SignatureCheck } from '../../domain/token.ts';
import type { DeskDb, StoredPackage } from '../../db/db.ts';
import { factsOfEvent, recordScan, recordVoid, recordWalkIn, type Recorder } from '../../db/record.ts';
import type { DeskSetup } from '../../db/settings.ts';
import { recordRejection } from '../../db/desk-data.ts';
import type { SyncStatus } from '../../sync/sync-loop.ts';
import {
  afterPaint, createDeskSignals, recentFromLog, showFailure, verdictPainter, type DeskSignals, type ScanOutcome, type ScanSource, type Showing,
} from './desk-state.ts';

export type { ScanOutcome, ScanSource } from './desk-state.ts';

/** The same text read again within this window is the camera seeing the same code: ignored. */
export const REPEAT_WINDOW_MS = 3000;

/** What a desk opens with; the clocks are injectable so tests can move time by hand. */
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

/** Says whether `text` repeats the text read just before, within REPEAT_WINDOW_MS on `monotonic`. */
export function repeatWindow(monotonic: () => number): (text: string) => boolean {
  let lastText = '';
  let lastTextAt = -Infinity;
  return (text) => {
    const at = monotonic();
    if (text === lastText && at - lastTextAt < REPEAT_WINDOW_MS) return true;
    lastText = text;
    lastTextAt = at;
    return false;
  };
}

/** What the desk's actions share. `kick` is the sync loop's, once attached. */
interface Desk {
  init: DeskSessionInit;
  rec: Recorder;
  index: RosterIndex;
  signals: DeskSignals;
  now: () => number;
  show: (outcome: Showing) => ScanOutcome;
  kick: () => void;
}

/** The verdict as the panel and the recent list show it. */
function shownOf(verdict: Verdict): Showing {
  switch (verdict.kind) {
    case 'admitted':
      return { verdict: verdict.kind, person: verdict.person, unit: verdict.unit, punctuality: verdict.punctuality };
    case 'already':
      // Corrected time (server clock), the same minute the coordinator's reports show.
      return { verdict: verdict.kind, person: verdict.person, unit: verdict.unit, first: { at: correctedTime(verdict.first), deskId: verdict.first.deskId } };
    case 'voided':
      return { verdict: verdict.kind, person: verdict.person, unit: verdict.unit };
    case 'unknown':
    case 'wrong-event':
    case 'forged':
    case 'not-a-code':
      return { verdict: verdict.kind };
  }
}

/**
 * Records a reading and shows its verdict once the write has committed. A refused scan is
 * never a fact; it is noted for this desk's scan log after the verdict is painted.
 */
async function decide(
  desk: Desk, reading: CodeReading, how: { method: 'scan' | 'lookup'; text?: string; source?: ScanSource },
): Promise<ScanOutcome | undefined> {
  const at = desk.now();
  try {
    // A scan's fact carries the signed text it read, so the server can check the desk's claim.
    const code = how.method === 'scan' ? how.text : undefined;
    const recorded = await recordScan(desk.rec, { reading, roster: desk.index, event: desk.init.pkg.event, method: how.method, ...(code === undefined ? {} : { code }), now: at });
    if (!admits(recorded.verdict)) {
      const refusal = refusalOf(recorded.verdict, how.text);
      afterPaint(() => { void recordRejection(desk.rec, { ...refusal, now: at }); });
    }
    return desk.show({ ...shownOf(recorded.verdict), at, fact: recorded.fact, source: how.source });
  } catch (error) {
    return showFailure(desk.signals, error);
  }
}

/** Handles scanned text; the same text again within the repeat window is ignored (undefined). */
async function scanText(desk: Desk, repeats: (text: string) => boolean, text: string, source: ScanSource): Promise<ScanOutcome | undefined> {
  if (repeats(text)) return undefined;
  desk.signals.busy.value = true;
  try {
    const reading = await readCode({ text, eventId: desk.rec.eventId, verify: desk.init.verify });
    return await decide(desk, reading, { method: 'scan', text, source });
  } finally {
    desk.signals.busy.value = false;
  }
}

/** Registers and admits a walk-in. */
async function registerWalkIn(desk: Desk, walkIn: WalkIn): Promise<ScanOutcome | undefined> {
  const at = desk.now();
  try {
    const fact = await recordWalkIn(desk.rec, walkIn, at);
    const verdict = admitWalkIn({ walkIn, units: desk.index.units, event: desk.init.pkg.event, at: at + desk.rec.clockOffsetMs });
    return desk.show({ ...shownOf(verdict), fact, at });
  } catch (error) {
    return showFailure(desk.signals, error);
  }
}

/** Undoes an admission shown in the recent list: a void fact, never a delete. */
async function undo(desk: Desk, outcome: ScanOutcome): Promise<void> {
  if (!outcome.fact) return;
  const { signals } = desk;
  try {
    const voidFact = await recordVoid(desk.rec, outcome.fact, desk.now());
    signals.facts.value = [...signals.facts.value, voidFact];
    desk.kick();
    signals.lastActivity.value = desk.now();
    if (signals.current.value?.seq === outcome.seq) signals.current.value = { ...outcome, verdict: 'voided' };
  } catch (error) {
    showFailure(signals, error);
  }
}

/** Creates the desk's state and actions. Every verdict is shown only after its write commits. */
export function createDeskSession(init: DeskSessionInit) {
  const rec: Recorder = {
    db: init.db, eventId: init.pkg.event.id, deviceId: init.deviceId, deskId: init.setup.deskId,
    checkpoint: init.setup.checkpoint, clockOffsetMs: init.clockOffsetMs ?? 0,
  };
  const now = init.now ?? Date.now;
  const signals = createDeskSignals({ units: init.pkg.units, checkpoint: rec.checkpoint, deskId: rec.deskId, deviceId: rec.deviceId });
  const desk: Desk = {
    init, rec, index: indexRoster(init.pkg), signals, now,
    show: verdictPainter(signals, { now, recorded: () => desk.kick() }),
    kick: () => undefined,
  };
  const repeats = repeatWindow(init.monotonic ?? (() => performance.now()));
  const reload = async (): Promise<void> => {
    signals.facts.value = await factsOfEvent(init.db, rec.eventId);
    // After a reload the list comes back from the device's own log, with its undo.
    if (signals.recent.value.length === 0) signals.recent.value = recentFromLog(signals.facts.value, {
      deviceId: rec.deviceId, checkpoint: rec.checkpoint, unit: (id) => desk.index.units.get(id),
      person: (fact) => fact.walkIn
        ? { no: 0, name: fact.walkIn.name, phone: fact.walkIn.phone ?? '', unitId: fact.walkIn.unitId, category: fact.walkIn.category }
        : desk.index.byNo.get(Number(fact.personKey)),
    });
  };
  return {
    pkg: init.pkg, index: desk.index, setup: init.setup, deviceId: init.deviceId, db: init.db,
    ...signals,
    reload,
    /** The desk's one entry for scanned text, whatever read it (camera or keyboard-wedge scanner). */
    scan: (text: string, options: { source: ScanSource }) => scanText(desk, repeats, text, options.source),
    /** Admits a roster person picked by name lookup, as if their code was scanned. */
    admitPerson: (person: Participant) => decide(desk, { kind: 'signed', codeNo: person.no }, { method: 'lookup' }),
    admitWalkIn: (walkIn: WalkIn) => registerWalkIn(desk, walkIn),
    undo: (outcome: ScanOutcome) => undo(desk, outcome),
    /** Connects the sync loop: kicked after each write; its status shown; its clock used. */
    attachSync(kick: () => void) { desk.kick = kick; },
    applySyncStatus(status: SyncStatus) {
      signals.syncStatus.value = status;
      if (status.clockOffsetMs !== undefined) rec.clockOffsetMs = status.clockOffsetMs;
      // A quarantined fact left the log: the desk's counts follow the server's.
      if (status.pulled || status.quarantined) void reload();
    },
  };
}

/** The desk's state and actions, as the screens use them. */
export type DeskSession = ReturnType<typeof createDeskSession>;
