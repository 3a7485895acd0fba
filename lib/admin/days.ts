// Calendar days in UTC, for per-day charts (dates are shown in UTC everywhere).
const dayMs = 24 * 60 * 60 * 1000;

/** Midnight UTC of `date`'s day. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The last `count` days up to and including today, oldest first, each as [start, end). */
export function lastUtcDays(count: number, now: Date): { day: string; start: Date; end: Date }[] {
  const today = startOfUtcDay(now).getTime();
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(today - (count - 1 - i) * dayMs);
    return { day: start.toISOString().slice(0, 10), start, end: new Date(start.getTime() + dayMs) };
  });
}

/** A round number at or above `max` for a chart's top line: 1, 2, 5, 10, 20, 50… (at least 1). */
export function niceCeiling(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

const numberFormat = new Intl.NumberFormat("en-US");

/**
 * The busiest day of a chart, in words: "most on 16 Nov (9)"; when several days share the
 * highest count, naming one of them would mislead: "at most 2 a day, on 7 days". Empty
 * when there is nothing to count.
 */
export function busiestDayText(days: { day: string; count: number }[], label: (day: string) => string): string {
  const most = Math.max(0, ...days.map((d) => d.count));
  if (most === 0) return "";
  const busiest = days.filter((d) => d.count === most);
  const count = numberFormat.format(most);
  return busiest.length === 1
    ? `most on ${label(busiest[0]!.day)} (${count})`
    : `at most ${count} a day, on ${busiest.length} days`;
}
