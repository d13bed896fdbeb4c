// Deciding a scan: the closed set of verdicts a desk can show, decided from data alone.
// admit() is the one place a verdict is made; db/record.ts runs it inside the transaction
// that writes the admission, and the desk only shows what it returns.
// Types only from shared/: importing a schema here would pull zod into the desk shell.
import type { Checkpoint, Fact, Participant, Unit, VerdictKind, WalkIn } from '../shared/schemas.ts';
import type { RejectionReason } from '../shared/desk-file.ts';
import { parseToken, type SignatureCheck } from './token.ts';
import { punctuality, type Punctuality } from './event-time.ts';
import type { RosterIndex } from './roster.ts';
import { standingAdmission } from './standing.ts';

export type { VerdictKind } from '../shared/schemas.ts';

/** A scan's verdict with what the desk shows for it. The closed union of VERDICT_KINDS. */
export type Verdict =
  | { kind: 'admitted'; person: Participant; unit: Unit | undefined; punctuality: Punctuality }
  /** Signed correctly but not on this device's roster: admitted on its signature, flagged. */
  | { kind: 'unknown'; codeNo: number }
  /** `first` is the admission that stands; its time and desk are shown. */
  | { kind: 'already'; codeNo: number; person: Participant | undefined; unit: Unit | undefined; first: Fact }
  | { kind: 'voided'; codeNo: number; person: Participant | undefined; unit: Unit | undefined }
  | { kind: 'wrong-event'; eventId: number }
  | { kind: 'forged' }
  | { kind: 'not-a-code' };

/** The verdicts that admit someone: each comes with a fact written in the same transaction. */
export type AdmittingVerdict = Extract<Verdict, { kind: 'admitted' | 'unknown' }>;
/** The verdicts that admit nobody: never a fact, only a line in the desk's own scan log. */
export type RefusingVerdict = Exclude<Verdict, AdmittingVerdict>;

// Compile-time proof that the union above and the schema's list name the same verdicts.
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type VerdictUnionMatchesSchema = Assert<SameSet<Verdict['kind'], VerdictKind>>;

/** Whether a verdict admits someone (and so writes a fact). */
export const admits = (verdict: Verdict): verdict is AdmittingVerdict =>
  verdict.kind === 'admitted' || verdict.kind === 'unknown';

/** What reading the code alone says, before the roster and the log are consulted. */
export type CodeReading =
  | { kind: 'not-a-code' }
  | { kind: 'wrong-event'; eventId: number }
  | { kind: 'forged' }
  | { kind: 'signed'; codeNo: number };

/** Reads and verifies scanned text against this event's key. Never throws. */
export async function readCode(args: { text: string; eventId: number; verify: SignatureCheck }): Promise<CodeReading> {
  // Space is a Base45 character and may start or end a real code: strip only the line
  // endings and tabs that keyboard-wedge scanners append.
  const token = parseToken(args.text.replace(/^[\r\n\t]+|[\r\n\t]+$/g, ''));
  if (!token) return { kind: 'not-a-code' };
  if (token.eventId !== args.eventId) return { kind: 'wrong-event', eventId: token.eventId };
  let ok = false;
  try {
    ok = await args.verify(token.signed, token.signature);
  } catch {
    ok = false;
  }
  return ok ? { kind: 'signed', codeNo: token.codeNo } : { kind: 'forged' };
}

// The standing rule and corrected time live in standing.ts, shared with the tally, reports and server.
export { correctedTime, standingAdmission } from './standing.ts';

/** The event's day and deadline, which punctuality is judged against. */
export interface EventClock { date: string; timeZone: string; arriveBy?: string }

/** What a scan is decided from. */
export interface AdmitInput {
  reading: CodeReading;
  roster: Pick<RosterIndex, 'byNo' | 'units' | 'revoked'>;
  event: EventClock;
  checkpoint: Checkpoint;
  /** The person's log on this device; read in the transaction that writes the admission. */
  prior: readonly Fact[];
  /** When the scan happened, on the server's clock. */
  at: number;
}

/** Decides a scan. A re-issued code reads `voided` even when it was admitted before. */
export function admit(input: AdmitInput & { reading: Exclude<CodeReading, { kind: 'signed' }> }): RefusingVerdict;
export function admit(input: AdmitInput): Verdict;
export function admit(input: AdmitInput): Verdict {
  // Only a signed code can admit anyone; any other reading is its own verdict.
  const { reading, roster } = input;
  if (reading.kind !== 'signed') return reading;
  const { codeNo } = reading;
  const person = roster.byNo.get(codeNo);
  const unit = person ? roster.units.get(person.unitId) : undefined;
  if (roster.revoked.has(codeNo)) return { kind: 'voided', codeNo, person, unit };
  const first = standingAdmission(input.prior, input.checkpoint);
  if (first) return { kind: 'already', codeNo, person, unit, first };
  if (!person) return { kind: 'unknown', codeNo };
  return { kind: 'admitted', person, unit, punctuality: punctualityFor({ at: input.at, unit, event: input.event }) };
}

/** A walk-in is always admitted: a new person of a unit, with no code number (0). */
export function admitWalkIn(args: {
  walkIn: WalkIn; units: ReadonlyMap<number, Unit>; event: EventClock; at: number;
}): Extract<Verdict, { kind: 'admitted' }> {
  const { walkIn } = args;
  const unit = args.units.get(walkIn.unitId);
  const person: Participant = { no: 0, name: walkIn.name, phone: walkIn.phone ?? '', unitId: walkIn.unitId, category: walkIn.category };
  return { kind: 'admitted', person, unit, punctuality: punctualityFor({ at: args.at, unit, event: args.event }) };
}

/** What the scan log keeps of a refused scan: why, and what identifies what was held up. */
export interface Refusal { reason: RejectionReason; codeNo?: number; otherEventId?: number; text?: string }

/** The scan-log line of a refused verdict; `text` is what was read, kept only when it was no code of ours. */
export function refusalOf(verdict: RefusingVerdict, text: string | undefined): Refusal {
  switch (verdict.kind) {
    case 'already':
    case 'voided':
      return { reason: verdict.kind, codeNo: verdict.codeNo };
    case 'wrong-event':
      return { reason: verdict.kind, otherEventId: verdict.eventId };
    case 'not-a-code':
    case 'forged':
      return text === undefined ? { reason: verdict.kind } : { reason: verdict.kind, text };
  }
}

/** On time or late for this unit: its own slot first, else the event's arrival deadline. */
export function punctualityFor(args: { at: number; unit: Unit | undefined; event: EventClock }): Punctuality {
  return punctuality({
    at: args.at, date: args.event.date, timeZone: args.event.timeZone,
    slot: args.unit?.slot, arriveBy: args.event.arriveBy,
  });
}
