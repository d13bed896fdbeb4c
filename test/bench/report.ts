// Benchmark figures: one `BENCH {...}` line each, medians and percentiles over many samples.

/** The q-th quantile (0–1) of the samples, by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Prints one figure; `goal` is the number we hold ourselves to (null when there is none). */
export function emit(name: string, value: number, unit: string, goal: number | null): void {
  const rounded = Math.round(value * 1000) / 1000;
  console.log(`BENCH ${JSON.stringify({ name, value: rounded, unit, goal })}`);
}
