// Times of an event and its units that contradict each other. A committee types them at 6 a.m.;
// an inverted slot is refused (both sides), the rest are saved with a warning in words.
import type { Slot } from '../shared/schemas.ts';

/** One contradiction, with what to tell the coordinator; `refuse` ones are never stored. */
export interface TimeProblem {
  kind: 'deadline-before-opening' | 'start-before-opening' | 'slot-inverted' | 'slot-before-opening';
  severity: 'warn' | 'refuse';
  vi: string;
  en: string;
}

/** The event's own times: an arrival deadline or a programme start before the doors open. */
export function eventTimeProblems(event: { opensAt: string; arriveBy?: string; startsAt?: string }): TimeProblem[] {
  const problems: TimeProblem[] = [];
  if (event.arriveBy !== undefined && event.arriveBy < event.opensAt) {
    problems.push({ kind: 'deadline-before-opening', severity: 'warn',
      vi: `Hạn có mặt (${event.arriveBy}) sớm hơn giờ mở cửa (${event.opensAt}): mọi người sẽ bị tính là đến muộn.`,
      en: `The arrival deadline (${event.arriveBy}) is before opening (${event.opensAt}): everyone would count as late.` });
  }
  if (event.startsAt !== undefined && event.startsAt < event.opensAt) {
    problems.push({ kind: 'start-before-opening', severity: 'warn',
      vi: `Giờ bắt đầu chương trình (${event.startsAt}) sớm hơn giờ mở cửa (${event.opensAt}).`,
      en: `The programme starts (${event.startsAt}) before opening (${event.opensAt}).` });
  }
  return problems;
}

/** A unit's slot: one that ends before it starts is refused; one before the doors open is a warning. */
export function slotProblems(slot: Slot | undefined, opensAt?: string): TimeProblem[] {
  if (!slot) return [];
  if (slot.to <= slot.from) {
    return [{ kind: 'slot-inverted', severity: 'refuse',
      vi: `Khung giờ kết thúc (${slot.to}) không sau giờ bắt đầu (${slot.from}). Hãy sửa lại giờ.`,
      en: `The slot ends (${slot.to}) no later than it starts (${slot.from}). Fix the times.` }];
  }
  if (opensAt !== undefined && slot.from < opensAt) {
    return [{ kind: 'slot-before-opening', severity: 'warn',
      vi: `Khung giờ bắt đầu (${slot.from}) trước giờ mở cửa của sự kiện (${opensAt}).`,
      en: `The slot starts (${slot.from}) before the event opens (${opensAt}).` }];
  }
  return [];
}
