// Values bound as Prisma stores them, and rows read back as their declared kinds.
import { describe, expect, it } from "vitest";
import { bindValue, readRows, sqlDate } from "./values";

const at = new Date("2026-03-04T05:06:07.089Z");

describe("bindValue", () => {
  it("writes dates as Prisma does on each engine", () => {
    expect(bindValue("sqlite", at)).toBe("2026-03-04T05:06:07.089+00:00");
    expect(bindValue("postgresql", at)).toBe("2026-03-04T05:06:07.089");
    expect(sqlDate("sqlite", at)).toBe(bindValue("sqlite", at));
  });

  it("writes booleans as 0/1 on SQLite only, and leaves other values alone", () => {
    expect([bindValue("sqlite", true), bindValue("sqlite", false)]).toEqual([1, 0]);
    expect(bindValue("postgresql", true)).toBe(true);
    expect([bindValue("sqlite", "t"), bindValue("sqlite", 3), bindValue("sqlite", null)]).toEqual(["t", 3, null]);
  });
});

describe("readRows", () => {
  it("reads the declared columns as their kind, keeps null, and leaves the rest as the driver gave them", () => {
    const rows = readRows<{ on: boolean; off: boolean; at: Date; n: number; none: Date | null; text: string }>(
      [{ on: 1, off: 0, at: "2026-03-04T05:06:07.089+00:00", n: "42", none: null, text: "1" }],
      { on: "boolean", off: "boolean", at: "date", n: "number", none: "date" },
    );
    expect(rows).toEqual([{ on: true, off: false, at, n: 42, none: null, text: "1" }]);
    expect(readRows([{ at: at }], { at: "date" })).toEqual([{ at }]);
  });
});
