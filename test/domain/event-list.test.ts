import { describe, expect, it } from 'vitest';
import { currentAndPast, visibleEvents } from '../../src/domain/event-list.ts';

const events = [
  { id: 1, date: '2024-07-10' }, { id: 2, date: '2024-03-30' }, { id: 3, date: '2024-11-15' },
  { id: 4, date: '2026-12-02' }, { id: 5, date: '2026-12-20' },
];

describe('today’s and upcoming events first', () => {
  it('splits at today: today is current, soonest first; past newest first', () => {
    const { current, past } = currentAndPast(events, '2026-12-02');
    expect(current.map((e) => e.id)).toEqual([4, 5]);
    expect(past.map((e) => e.id)).toEqual([3, 1, 2]);
  });
  it('hides past events behind the toggle while current ones exist, except the chosen one', () => {
    expect(visibleEvents(events, { today: '2026-12-02', showPast: false })).toEqual({ shown: [events[3], events[4]], hiddenPast: 3 });
    expect(visibleEvents(events, { today: '2026-12-02', showPast: false, keep: 1 }).shown.map((e) => e.id)).toEqual([4, 5, 1]);
    expect(visibleEvents(events, { today: '2026-12-02', showPast: true }).shown.map((e) => e.id)).toEqual([4, 5, 3, 1, 2]);
  });
  it('counts an archived event as past whatever its date', () => {
    const withArchived = [...events, { id: 6, date: '2026-12-03', archived: true }];
    const { current, past } = currentAndPast(withArchived, '2026-12-02');
    expect(current.map((e) => e.id)).toEqual([4, 5]);
    expect(past.map((e) => e.id)).toEqual([6, 3, 1, 2]);
    // With nothing current, the past shows, the archived one still behind the toggle.
    const pastOnly = [...events.slice(0, 3), { id: 7, date: '2024-12-01', archived: true }];
    expect(visibleEvents(pastOnly, { today: '2026-12-02', showPast: false })).toEqual({ shown: [events[2], events[0], events[1]], hiddenPast: 1 });
  });
  it('shows past events when there is nothing else', () => {
    expect(visibleEvents(events.slice(0, 3), { today: '2026-12-02', showPast: false })).toEqual({ shown: [events[2], events[0], events[1]], hiddenPast: 0 });
  });
});
