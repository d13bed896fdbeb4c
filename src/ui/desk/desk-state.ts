// The desk's state as signals, and the one way a verdict reaches the screen: painted first,
// everything else (the recent list, the tally, the idle timer, sync) a frame later.
import { batch, computed, signal } from '@preact/signals';
import type { AdmitFact, Checkpoint, Fact, Participant, Unit, VerdictKind } from '../../shared/schemas.ts';
import type { Punctuality } from '../../domain/event-time.ts';
import { tallyByUnit } from '../../domain/tally.ts';
import { StorageError } from '../../db/db.ts';
import type { SyncStatus } from '../../sync/sync-loop.ts';
import { cue } from '../feedback.ts';

/** Where scanned text came from: the camera's decoder, or a scanner typing like a keyboard. */
export type ScanSource = 'camera' | 'keyboard';

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
  /** The admission written for this scan, when it admitted someone. */
  fact?: AdmitFact;
  /** Set for scanned text; a lookup or a walk-in has none. */
  source?: ScanSource;
}

/** Runs `work` after the next frame is painted, so it never delays a verdict on screen. */
export function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') { setTimeout(work, 0); return; }
  requestAnimationFrame(() => setTimeout(work, 0));
}

const RECENT_LIMIT = 20;

/**
 * The recent list as this device's log holds it: its last admissions at this checkpoint, newest
 * first, so a reload keeps them (and their undo). Seqs are negative: they never clash with a
 * scan shown later.
 */
export function recentFromLog(facts: readonly Fact[], scope: {
  deviceId: string; checkpoint: Checkpoint; person: (fact: AdmitFact) => Participant | undefined; unit: (id: number) => Unit | undefined;
}): ScanOutcome[] {
  const mine = facts.filter((f): f is AdmitFact => f.kind === 'admit' && f.deviceId === scope.deviceId && f.checkpoint === scope.checkpoint);
  return mine.sort((a, b) => b.deviceTime - a.deviceTime).slice(0, RECENT_LIMIT).map((fact, i) => {
    const person = scope.person(fact);
    return { seq: -(i + 1), verdict: fact.unknown ? 'unknown' : 'admitted', at: fact.deviceTime, person, unit: scope.unit(fact.unitId), fact };
  });
}

/** The desk's signals; each screen part reads only its own, so a scan re-renders the verdict alone first. */
export function createDeskSignals(scope: { units: readonly Unit[]; checkpoint: Checkpoint; deskId: string; deviceId: string }) {
  const facts = signal<Fact[]>([]);
  return {
    current: signal<ScanOutcome | undefined>(undefined),
    recent: signal<ScanOutcome[]>([]),
    facts,
    storageError: signal<StorageError | undefined>(undefined),
    syncStatus: signal<SyncStatus | undefined>(undefined),
    busy: signal(false),
    lastActivity: signal(0),
    voidedIds: computed(() => new Set(facts.value.filter((f) => f.kind === 'void').map((f) => f.voids))),
    deskTally: computed(() => tallyByUnit(facts.value, scope.units, { checkpoint: scope.checkpoint, deskId: scope.deskId })),
    deviceTally: computed(() => tallyByUnit(facts.value, scope.units, { checkpoint: scope.checkpoint, deviceId: scope.deviceId })),
  };
}

/** The desk's signals. */
export type DeskSignals = ReturnType<typeof createDeskSignals>;

/** A verdict to show; `at` defaults to now. */
export type Showing = Omit<ScanOutcome, 'seq' | 'at'> & { at?: number };

/**
 * Makes the desk's `show`: the verdict and its cue at once, then, after paint, the recent list,
 * the local log, the idle timer and the sync kick (`recorded`, called when a fact was written).
 */
export function verdictPainter(signals: DeskSignals, clock: { now: () => number; recorded: () => void }) {
  let seq = 0;
  return (outcome: Showing): ScanOutcome => {
    const shown: ScanOutcome = { at: clock.now(), ...outcome, seq: ++seq };
    batch(() => {
      signals.current.value = shown;
      signals.storageError.value = undefined;
    });
    cue(shown.verdict);
    afterPaint(() => {
      batch(() => {
        signals.recent.value = [shown, ...signals.recent.value].slice(0, RECENT_LIMIT);
        if (shown.fact) signals.facts.value = [...signals.facts.value, shown.fact];
        signals.lastActivity.value = clock.now();
      });
      if (shown.fact) clock.recorded();
    });
    return shown;
  };
}

/** Shows a failed write in the volunteer's language; the verdict is not shown, since nothing was saved. */
export function showFailure(signals: DeskSignals, error: unknown): undefined {
  signals.storageError.value = error instanceof StorageError ? error : new StorageError(String(error), String(error));
  return undefined;
}
