import { describe, expect, it } from "vitest";
import { advanceMark, formatSweepCursor, overlapsMark, parseSweepCursor, startPage } from "./cursor";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

describe("the crmcom sweep cursor", () => {
  it("round-trips, and reads anything else as a new sweep", () => {
    const cursor = { page: 7, mark: at(42) };
    expect(formatSweepCursor(cursor)).toBe('{"page":7,"mark":"2026-01-01T00:00:42.000Z"}');
    expect(parseSweepCursor(formatSweepCursor(cursor))).toEqual(cursor);
    expect(parseSweepCursor('{"page":0,"mark":null}')).toEqual({ page: 0, mark: null });
    for (const text of [null, "", "1767225600", '{"page":-1,"mark":null}', '{"page":2,"mark":"yesterday"}', "{"]) {
      expect(parseSweepCursor(text)).toEqual({ page: 0, mark: null });
    }
  });

  it("starts at the last committed page of an unfinished sweep, else at page 1", () => {
    expect(startPage({ page: 0, mark: at(1) })).toBe(1);
    expect(startPage({ page: 1, mark: at(1) })).toBe(1);
    expect(startPage({ page: 9, mark: at(1) })).toBe(9);
  });

  it("sees the overlap when the resumed page holds a contact updated at or before the mark", () => {
    expect(overlapsMark([at(5), at(10), at(11)], at(10))).toBe(true);
    expect(overlapsMark([null, at(9)], at(10))).toBe(true);
    expect(overlapsMark([at(11), at(12)], at(10))).toBe(false);
    expect(overlapsMark([], at(10))).toBe(false);
    expect(overlapsMark([null], at(10))).toBe(false);
    expect(overlapsMark([at(1)], null)).toBe(false);
  });

  it("moves the mark to the newest time seen", () => {
    expect(advanceMark(null, [at(3), null, at(2)])).toEqual(at(3));
    expect(advanceMark(at(5), [at(3)])).toEqual(at(5));
    expect(advanceMark(null, [null])).toBeNull();
  });
});
