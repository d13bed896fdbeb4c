// The claim rules on their own (no store): what the server stands behind for each fact of a batch.
import { describe, expect, it } from 'vitest';
import { judgeFacts, type ClaimContext } from '../../../src/server/facts/claims.ts';
import type { AdmitFact, Fact, Participant } from '../../../src/shared/schemas.ts';
import { admitFact, voidFact } from '../../support/sync-session.ts';

const T = Date.UTC(2024, 6, 10, 1, 0);
const an: Participant = { no: 1, name: 'Nguyễn Văn An', phone: '', unitId: 3, category: 'Đoàn viên' };
const mine = { eventId: 1, deviceId: 'may-1', deskId: 'ban-1' };
const theirs = { eventId: 1, deviceId: 'may-2', deskId: 'ban-2' };
const context = (extra: Partial<ClaimContext> = {}): ClaimContext => ({
  eventId: 1, deskIds: new Set(['ban-1', 'ban-2']), deviceId: 'may-1', roster: new Map([[1, an]]), held: new Map(), codes: new Map(), now: T, clockAt: T, ...extra,
});
const lookup = (source: typeof mine, personKey: string, unitId: number, extra: Partial<AdmitFact> = {}): AdmitFact =>
  ({ ...admitFact(source, { personKey, unitId, category: extra.category ?? '', deviceTime: T, method: 'lookup' }), ...extra });

describe('judgeFacts', () => {
  it('judges a device time against the clock it was written by: the server at receipt, or a desk file at export', () => {
    const old = lookup(mine, '1', 3, { category: 'Đoàn viên', deviceTime: T - 3 * 86_400_000 });
    expect(judgeFacts([old], context()).refused.map((r) => r.reason)).toEqual(['timeOutOfRange']);
    expect(judgeFacts([old], context({ clockAt: T - 3 * 86_400_000 + 60_000 })).accepted.map((f) => f.id)).toEqual([old.id]);
  });

  it('fills in the roster’s unit for a person the desk did not know, without a review', () => {
    const stale = lookup(mine, '1', 0, { unknown: true });
    const { accepted, reviews } = judgeFacts([stale], context());
    expect(accepted).toEqual([{ ...stale, unitId: 3, category: 'Đoàn viên' }]);
    expect(reviews).toEqual([]);
  });

  it('files a number off the roster under no unit, and lists what the desk claimed', () => {
    const claimed = lookup(mine, '77', 5, { category: 'Khách' });
    const { accepted, reviews } = judgeFacts([claimed], context());
    expect(accepted.map((f) => [f.unitId, f.category])).toEqual([[0, '']]);
    expect(reviews).toEqual([{ factId: claimed.id, reason: 'claim-mismatch', claimedUnitId: 5, claimedCategory: 'Khách', flaggedAt: T }]);
  });

  it('keeps a walk-in’s own unit', () => {
    const base = lookup(mine, 'w:x', 2, { method: 'walk-in', category: 'Khách' });
    const walkIn: Fact = { ...base, personKey: `w:${base.id}`, walkIn: { name: 'Khách', unitId: 2, category: 'Khách' } };
    expect(judgeFacts([walkIn], context())).toMatchObject({ accepted: [walkIn], reviews: [], refused: [] });
  });

  it('judges undos by the admission’s device, whichever comes first in the batch; an unseen one is listed', () => {
    const admission = lookup(mine, '1', 3, { category: 'Đoàn viên' });
    const undo = voidFact(mine, admission, T + 1);
    const stranger = voidFact(mine, lookup(theirs, '1', 3), T + 2);
    const held = lookup(theirs, '1', 3, { category: 'Đoàn viên' });
    const hostile = voidFact(mine, held, T + 3);
    const out = judgeFacts([undo, admission, stranger, hostile], context({ held: new Map([[held.id, held]]) }));
    expect(out.accepted.map((f) => f.id)).toEqual([undo.id, admission.id, stranger.id]);
    expect(out.refused.map((r) => [r.id, r.reason])).toEqual([[hostile.id, 'voidOtherDevice']]);
    expect(out.reviews.map((r) => [r.factId, r.reason])).toEqual([[stranger.id, 'void-unchecked']]);
  });

  it('finds an undo’s admission in its own event only: another event’s under the same id is no target', () => {
    const elsewhere = lookup({ ...theirs, eventId: 2 }, '1', 3, { category: 'Đoàn viên' });
    const undo = { ...voidFact(mine, elsewhere, T + 1), eventId: 1 };
    const out = judgeFacts([elsewhere, undo], context());
    expect(out.refused.map((r) => [r.id, r.reason])).toEqual([[elsewhere.id, 'wrongEvent']]);
    expect(out.accepted.map((f) => f.id)).toEqual([undo.id]);
    expect(out.reviews.map((r) => [r.factId, r.reason])).toEqual([[undo.id, 'void-unchecked']]);
  });

  it('answers a fact it holds already as held, without judging it again', () => {
    const old = lookup(mine, '1', 3, { category: 'Đoàn viên', deskId: 'ban-da-xoa' });
    const out = judgeFacts([old], context({ held: new Map([[old.id, old]]) }));
    expect(out).toEqual({ accepted: [], refused: [], reviews: [], alreadyHeld: [old.id] });
    // Another event's fact under an id this event holds is not that fact: it is refused, never answered as held.
    const stray = judgeFacts([{ ...old, eventId: 2 }], context({ held: new Map([[old.id, old]]) }));
    expect(stray.alreadyHeld).toEqual([]);
    expect(stray.refused.map((r) => [r.id, r.reason])).toEqual([[old.id, 'wrongEvent']]);
  });

  it('names a fact it cannot read by whatever id it carries', () => {
    const out = judgeFacts([{ id: 'x'.repeat(300) }, null, 42], context());
    expect(out.refused.map((r) => [r.id.length, r.reason])).toEqual([[100, 'malformed'], [0, 'malformed'], [0, 'malformed']]);
    expect(out.refused.every((r) => r.vi && r.en)).toBe(true);
  });
});
