// Which events a list shows first: today's and upcoming ones, soonest first; past ones apart,
// newest first, behind a "sự kiện đã qua" toggle, so last year's demo events do not crowd today's.

/** The events split at `today` ("YYYY-MM-DD" on the event's clock): an event of today is current. */
export function currentAndPast<E extends { date: string; id: number; archived?: boolean }>(events: readonly E[], today: string): { current: E[]; past: E[] } {
  // An archived event counts as past whatever its date: kept, out of the way.
  const isPast = (e: E) => e.date < today || e.archived === true;
  const current = events.filter((e) => !isPast(e)).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const past = events.filter(isPast).sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  return { current, past };
}

/**
 * What a chooser shows: the current events, plus the past ones when asked for or when there is
 * nothing else (a desk with only past events must still open them). `keep` (the chosen event) always stays.
 */
export function visibleEvents<E extends { date: string; id: number; archived?: boolean }>(events: readonly E[], options: { today: string; showPast: boolean; keep?: number }): { shown: E[]; hiddenPast: number } {
  const { current, past } = currentAndPast(events, options.today);
  if (options.showPast) return { shown: [...current, ...past], hiddenPast: 0 };
  // With nothing current, past events show, but an archived one stays behind the toggle.
  const shownPast = past.filter((e) => e.id === options.keep || (current.length === 0 && e.archived !== true));
  return { shown: [...current, ...shownPast], hiddenPast: past.length - shownPast.length };
}
