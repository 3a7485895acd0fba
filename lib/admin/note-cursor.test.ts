import { describe, expect, it } from "vitest";
import { decodeNoteCursor, encodeNoteCursor } from "./note-cursor";

describe("note cursor", () => {
  it("round-trips", () => {
    const cursor = { createdAt: new Date("2026-11-30T09:15:00.123Z"), id: "cnote1" };
    expect(decodeNoteCursor(encodeNoteCursor(cursor))).toEqual(cursor);
    expect(decodeNoteCursor([encodeNoteCursor(cursor), "x"])).toEqual(cursor);
  });
  it("ignores anything malformed", () => {
    for (const bad of [
      undefined,
      "",
      "@@@",
      Buffer.from('{"t":"yesterday","i":"x"}').toString("base64url"),
      "a".repeat(600),
    ]) {
      expect(decodeNoteCursor(bad)).toBeUndefined();
    }
  });
});
