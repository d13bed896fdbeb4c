// Deciding a scan: the closed set of verdicts a desk can show, decided from data alone.
import type { Checkpoint, Fact, Participant, Unit } from '../shared/schemas.ts';
import { parseToken, type SignatureCheck } from './token.ts';
import { punctuality, type Punctuality } from './event-time.ts';
import { standingAdmission } from './standing.ts';

/** Every verdict a desk can show; switches over it are exhaustive. */
export type VerdictKind = 'admitted' | 'already' | 'unknown' | 'wrong-event' | 'forged' | 'not-a-code' | 'voided';
export const VERDICT_KINDS: readonly VerdictKind[] = ['admitted', 'already', 'unknown', 'wrong-event', 'forged', 'not-a-code', 'voided'];

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

/** What admitting a signed code comes to, given the roster and what the log already holds. */
export type Decision =
  | { kind: 'admit'; person?: Participant; unknown: boolean }
  | { kind: 'already'; person?: Participant; first: Fact }
  | { kind: 'voided'; person?: Participant };

/** Decides a correctly signed code. `prior` is the person's log at this checkpoint. */
export function decideSigned(args: {
  codeNo: number;
  person: Participant | undefined;
  revoked: boolean;
  prior: readonly Fact[];
  checkpoint: Checkpoint;
}): Decision {
  const { person, revoked, prior, checkpoint } = args;
  if (revoked) return { kind: 'voided', person };
  const first = standingAdmission(prior, checkpoint);
  if (first) return { kind: 'already', person, first };
  return { kind: 'admit', person, unknown: !person };
}

/** On time or late for this unit: its own slot first, else the event's arrival deadline. */
export function punctualityFor(args: {
  at: number; unit: Unit | undefined; event: { date: string; timeZone: string; arriveBy?: string };
}): Punctuality {
  return punctuality({
    at: args.at, date: args.event.date, timeZone: args.event.timeZone,
    slot: args.unit?.slot, arriveBy: args.event.arriveBy,
  });
}
