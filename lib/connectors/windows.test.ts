import { describe, expect, it } from "vitest";
import { halves, splitIntoWindows } from "./windows";

describe("splitIntoWindows", () => {
  it("covers the range with inclusive windows, each next one starting at the previous end + 1", () => {
    expect(splitIntoWindows(0, 250, 100)).toEqual([
      { start: 0, end: 99 },
      { start: 100, end: 199 },
      { start: 200, end: 250 },
    ]);
  });

  it("makes one window when the range is shorter than a window, none when it is empty", () => {
    expect(splitIntoWindows(10, 10, 86400)).toEqual([{ start: 10, end: 10 }]);
    expect(splitIntoWindows(11, 10, 86400)).toEqual([]);
  });

  it("leaves no second uncovered and none twice", () => {
    const windows = splitIntoWindows(1_700_000_000, 1_700_000_000 + 7 * 86400 + 5, 86400);
    expect(windows).toHaveLength(8);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.start).toBe(windows[i - 1]!.end + 1);
    expect(windows.every((w) => w.end - w.start < 86400)).toBe(true);
    expect(windows.at(-1)!.end).toBe(1_700_000_000 + 7 * 86400 + 5);
  });

  it("refuses sizes below one second", () => {
    expect(() => splitIntoWindows(0, 10, 0)).toThrow(RangeError);
  });
});

describe("halves", () => {
  it("splits a window into two that cover it exactly, earlier first", () => {
    expect(halves({ start: 0, end: 99 })).toEqual([
      { start: 0, end: 49 },
      { start: 50, end: 99 },
    ]);
    expect(halves({ start: 10, end: 11 })).toEqual([
      { start: 10, end: 10 },
      { start: 11, end: 11 },
    ]);
    expect(halves({ start: 0, end: 86_399 })[1]).toEqual({ start: 43_200, end: 86_399 });
  });

  it("refuses a one-second window", () => {
    expect(() => halves({ start: 5, end: 5 })).toThrow(RangeError);
  });
});
