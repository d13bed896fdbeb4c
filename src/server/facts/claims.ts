// The claims a desk makes in a fact, judged against what the server itself knows: its desks,
// its roster, the facts it holds and the event's key. Pure: the caller gathers those first
// (judge-push.ts), so the rule is written once, above the store port, for both engines.
import * as z from 'zod/mini';
import { Fact, type Participant } from '../../shared/schemas.ts';
import { deviceTimeFitsServerClock, type FactRefusal, type RefusedFact } from '../../shared/sync.ts';
import type { FactReview } from '../../shared/fact-review.ts';
import { asCodeNumber, isWalkInKey } from '../store/rows.ts';

/** What a desk reads when the server refuses one of its facts. */
export const REFUSALS: Record<FactRefusal, { vi: string; en: string }> = {
  malformed: { vi: 'Lượt quét không đúng mẫu dữ liệu.', en: 'The fact does not match the schema.' },
  wrongEvent: { vi: 'Lượt quét thuộc sự kiện khác.', en: 'The fact belongs to another event.' },
  wrongDevice: { vi: 'Lượt quét của thiết bị khác.', en: "The fact names another device than the token's." },
  unknownDesk: { vi: 'Sự kiện không có bàn này.', en: 'The event has no such desk.' },
  registeredFromDesk: { vi: 'Chỉ máy chủ ghi được bước "đăng ký".', en: 'Only the server records the "registered" checkpoint.' },
  badCode: { vi: 'Mã QR kèm theo không phải mã thật của sự kiện.', en: "The attached code is not a genuine code of this event." },
  codeMismatch: { vi: 'Mã QR kèm theo là của người khác.', en: 'The attached code belongs to another person.' },
  voidOtherDevice: { vi: 'Máy chỉ được hủy lượt điểm danh do chính máy ghi.', en: 'A desk may undo only its own admissions.' },
  timeOutOfRange: {
    vi: 'Giờ trên máy lệch quá 2 ngày so với máy chủ: hãy chỉnh đồng hồ máy tính bảng.',
    en: "The device's clock is more than 2 days off the server's: set the tablet's clock.",
  },
};

/** Everything the rules compare a batch against, read before anything is stored. */
export interface ClaimContext {
  eventId: number;
  deskIds: ReadonlySet<string>;
  /** The pushing device, when a desk token pushes; a coordinator's import may carry any device's facts. */
  deviceId?: string;
  /** Roster entries for the code numbers the batch names. */
  roster: ReadonlyMap<number, Participant>;
  /** Stored facts the batch names (its own ids and its voids' targets). */
  held: ReadonlyMap<string, Fact>;
  /** Each attached code's verified number, or undefined when it is not a genuine code of this event. */
  codes: ReadonlyMap<string, number | undefined>;
  now: number;
  /** What a fact's device time must be within two days of: the server's clock at receipt (or a desk file's export time). */
  clockAt: number;
}

/** The batch split: facts to store (with the roster's unit), refusals, and review flags. */
export interface Judgement {
  accepted: Fact[];
  refused: RefusedFact[];
  reviews: FactReview[];
  /** Ids the server held before this batch; answered as stored without judging again. */
  alreadyHeld: string[];
}

const refusal = (id: string, reason: FactRefusal): RefusedFact => ({ id, reason, ...REFUSALS[reason] });

/** The id a refused raw fact is named by, so the desk can find it in its outbox. */
function rawId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

/** The admission a void names, from this batch or the log; undefined while the server has not seen it. */
function voidTarget(f: Fact, ctx: ClaimContext, batch: ReadonlyMap<string, Fact>): Fact | undefined {
  if (f.kind !== 'void') return undefined;
  return batch.get(f.voids) ?? ctx.held.get(f.voids);
}

/** Checks one parsed fact's claims in order; a reason when refused. */
function refusalOf(f: Fact, ctx: ClaimContext, batch: ReadonlyMap<string, Fact>): FactRefusal | undefined {
  if (f.eventId !== ctx.eventId) return 'wrongEvent';
  if (ctx.deviceId !== undefined && f.deviceId !== ctx.deviceId) return 'wrongDevice';
  if (!ctx.deskIds.has(f.deskId)) return 'unknownDesk';
  if (f.checkpoint === 'registered') return 'registeredFromDesk';
  // A time days away from ours is a broken clock: stored, it would sit in every report forever.
  if (!deviceTimeFitsServerClock(f, ctx.clockAt)) return 'timeOutOfRange';
  if (f.kind === 'admit' && f.code !== undefined) {
    if (!ctx.codes.has(f.code) || ctx.codes.get(f.code) === undefined) return 'badCode';
    if (String(ctx.codes.get(f.code)) !== f.personKey) return 'codeMismatch';
  }
  if (f.kind === 'void') {
    const target = voidTarget(f, ctx, batch);
    if (target && target.deviceId !== f.deviceId) return 'voidOtherDevice';
  }
  return undefined;
}

/**
 * The unit and category the server stands behind: the roster's for a code number on it, none for
 * a number off it (flagged `unknown` by the store), the desk's own only for a walk-in.
 */
function withServerClaims(f: Fact, ctx: ClaimContext): { fact: Fact; review?: FactReview } {
  if (isWalkInKey(f.personKey)) return { fact: f };
  const no = asCodeNumber(f.personKey);
  const person = no === undefined ? undefined : ctx.roster.get(no);
  const unitId = person?.unitId ?? 0;
  const category = person?.category ?? '';
  if (f.unitId === unitId && f.category === category) return { fact: f };
  const fact = { ...f, unitId, category };
  // A desk that did not know the person (stale roster) claimed nothing; the roster simply fills in.
  if (f.kind !== 'admit' || f.unknown === true) return { fact };
  return { fact, review: { factId: f.id, reason: 'claim-mismatch', claimedUnitId: f.unitId, claimedCategory: f.category, flaggedAt: ctx.now } };
}

/** Judges a pushed batch fact by fact; one bad fact never holds back the others. */
export function judgeFacts(raws: readonly unknown[], ctx: ClaimContext): Judgement {
  const out: Judgement = { accepted: [], refused: [], reviews: [], alreadyHeld: [] };
  const parsed = raws.map((raw) => ({ raw, result: z.safeParse(Fact, raw) }));
  // Admissions of the batch by id, whatever their place in it: an undo may come first. Only this
  // event's: a fact is known by (event, id), so another event's admission is no undo's target.
  const admissions = new Map<string, Fact>();
  for (const { result } of parsed) {
    if (result.success && result.data.kind === 'admit' && result.data.eventId === ctx.eventId) admissions.set(result.data.id, result.data);
  }
  for (const { raw, result } of parsed) {
    if (!result.success) { out.refused.push(refusal(rawId(raw), 'malformed')); continue; }
    const f = result.data;
    // Held means held by this event: another event's fact under the same id is judged (and refused) as such.
    if (f.eventId === ctx.eventId && ctx.held.has(f.id)) { out.alreadyHeld.push(f.id); continue; }
    const reason = refusalOf(f, ctx, admissions);
    if (reason) { out.refused.push(refusal(f.id, reason)); continue; }
    const { fact, review } = withServerClaims(f, ctx);
    if (review) out.reviews.push(review);
    if (f.kind === 'admit' && f.method === 'scan' && f.code === undefined) {
      out.reviews.push({ factId: f.id, reason: 'unverified', flaggedAt: ctx.now });
    }
    // An undo that arrives before its admission (pushes reordered by the network) cannot be
    // checked yet; it is kept, as facts are never dropped, and listed.
    if (f.kind === 'void' && !voidTarget(f, ctx, admissions)) {
      out.reviews.push({ factId: f.id, reason: 'void-unchecked', flaggedAt: ctx.now });
    }
    out.accepted.push(fact);
  }
  return out;
}

/** The code numbers and fact ids a batch names: what judge-push.ts reads before judging. */
export function namesIn(raws: readonly unknown[]): { nos: number[]; ids: string[]; codes: string[] } {
  const nos = new Set<number>();
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const raw of raws) {
    // Read loosely: a raw fact may be malformed; each name is taken only where it has the right type.
    const f = raw as { personKey?: unknown; id?: unknown; voids?: unknown; code?: unknown } | null;
    if (typeof f?.personKey === 'string') { const no = asCodeNumber(f.personKey); if (no !== undefined) nos.add(no); }
    if (typeof f?.id === 'string') ids.add(f.id);
    if (typeof f?.voids === 'string') ids.add(f.voids);
    if (typeof f?.code === 'string' && f.code.length <= 200) codes.add(f.code);
  }
  return { nos: [...nos], ids: [...ids], codes: [...codes] };
}
