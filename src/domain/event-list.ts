// Which events a list shows first: today's and upcoming ones, soonest first; past ones apart,
// newest first, behind a "sự kiện đã qua" toggle, so last year's demo events do not crowd today's.

/** The events split at `today` ("YYYY-MM-DD" on the event's clock): an event of today is current. */
export function currentAndPast<E extends { date: string; id: number }>(events: readonly E[], today: string): { current: E[]; past: E[] } {
  const current = events.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const past = events.filter((e) => e.date < today).sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  return { current, past };
}

/**
 * What a chooser shows: the current events, plus the past ones when asked for or when there is
 * nothing else (a desk with only past events must still open them). `keep` (the chosen event) always stays.
 */
export function visibleEvents<E extends { date: string; id: number }>(events: readonly E[], options: { today: string; showPast: boolean; keep?: number }): { shown: E[]; hiddenPast: number } {
  const { current, past } = currentAndPast(events, options.today);
  if (options.showPast || current.length === 0) return { shown: [...current, ...past], hiddenPast: 0 };
  const kept = past.filter((e) => e.id === options.keep);
  return { shown: [...current, ...kept], hiddenPast: past.length - kept.length };
}
