// Where a unit's slot stands right now, and which units are behind as their slot closes.
import type { EventInfo, Unit } from '../shared/schemas.ts';
import { zonedInstant } from './event-time.ts';

/** A slot's state at an instant; `none` for a unit without a slot. */
export type SlotState = 'none' | 'upcoming' | 'open' | 'closing' | 'closed';

/** Less than this left in the slot: the unit's leader should be called now. */
export const CLOSING_MS = 15 * 60_000;

export function slotState(unit: Pick<Unit, 'slot'>, event: Pick<EventInfo, 'date' | 'timeZone'>, now: number): { state: SlotState; msLeft?: number } {
  if (!unit.slot) return { state: 'none' };
  const from = zonedInstant(event.date, unit.slot.from, event.timeZone);
  const to = zonedInstant(event.date, unit.slot.to, event.timeZone);
  if (now < from) return { state: 'upcoming' };
  if (now > to) return { state: 'closed' };
  const msLeft = to - now;
  return { state: msLeft < CLOSING_MS ? 'closing' : 'open', msLeft };
}

/** A unit behind its quota while its slot closes ("Phòng GD&ĐT 40/100, còn 12 phút"). */
export interface BehindAlert {
  unit: Unit;
  count: number;
  quota: number;
  minutesLeft: number;
}

/** Units whose slot is closing and that have fewer people than their quota, least filled first. */
export function behindAlerts(units: readonly Unit[], countOf: (unitId: number) => number, event: Pick<EventInfo, 'date' | 'timeZone'>, now: number): BehindAlert[] {
  const alerts: BehindAlert[] = [];
  for (const unit of units) {
    const { state, msLeft } = slotState(unit, event, now);
    const quota = unit.quotas.reduce((sum, q) => sum + q.quota, 0);
    const count = countOf(unit.id);
    if (state === 'closing' && count < quota) alerts.push({ unit, count, quota, minutesLeft: Math.ceil((msLeft ?? 0) / 60_000) });
  }
  return alerts.sort((a, b) => a.count / a.quota - b.count / b.quota);
}
