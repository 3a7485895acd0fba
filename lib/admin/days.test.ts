import { describe, expect, it } from "vitest";
import { busiestDayText, lastUtcDays, niceCeiling, startOfUtcDay } from "./days";

describe("lastUtcDays", () => {
  it("ends with today and counts back whole UTC days", () => {
    const days = lastUtcDays(30, new Date("2026-03-01T23:59:59Z"));
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({
      day: "2026-03-01",
      start: new Date("2026-03-01T00:00:00Z"),
      end: new Date("2026-03-02T00:00:00Z"),
    });
    expect(days[0]?.day).toBe("2026-01-31");
    expect(days.map((d) => d.day)).toContain("2026-02-28");
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toEqual(days[i - 1]!.end);
  });
  it("uses UTC whatever the time of day", () => {
    expect(startOfUtcDay(new Date("2026-06-15T00:30:00+05:30"))).toEqual(new Date("2026-06-14T00:00:00Z"));
  });
});

describe("niceCeiling", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 2, 3, 7, 10, 11, 24, 50, 51, 999, 1001].map(niceCeiling)).toEqual([
      1, 1, 2, 5, 10, 10, 20, 50, 50, 100, 1000, 2000,
    ]);
  });
});

describe("busiestDayText", () => {
  const label = (day: string) => `day ${day.slice(-2)}`;
  const days = (...counts: number[]) => counts.map((count, i) => ({ day: `2026-11-${String(i + 10)}`, count }));

  it("names the busiest day when one day has the most", () => {
    expect(busiestDayText(days(1, 9, 2), label)).toBe("most on day 11 (9)");
  });

  it("names no day when several share the most", () => {
    expect(busiestDayText(days(2, 2, 1, 2, 0, 2, 2, 2, 2), label)).toBe("at most 2 a day, on 7 days");
  });

  it("says nothing when no day has any", () => {
    expect(busiestDayText(days(0, 0), label)).toBe("");
    expect(busiestDayText([], label)).toBe("");
  });
});
