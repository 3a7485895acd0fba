import { describe, expect, it } from "vitest";
import { addressLines, formatDate, formatDateTime, formatRevenue, primaryFirst, safeHttpUrl } from "./format";

describe("formatting", () => {
  it("formats dates in UTC, so a midnight date never shows as the day before", () => {
    expect(formatDate("2010-01-15T00:00:00Z")).toBe("15 Jan 2010");
    expect(formatDate(new Date(Date.UTC(2026, 11, 1, 23, 59)))).toBe("1 Dec 2026");
    expect(formatDate("someday")).toBe("someday");
    expect(formatDateTime("2026-12-01T14:05:00Z")).toBe("1 Dec 2026, 14:05 UTC");
  });

  it("formats revenue as whole dollars", () => {
    expect(formatRevenue(50_000_000)).toBe("$50,000,000");
    expect(formatRevenue(8_750_000.5)).toBe("$8,750,001");
    expect(formatRevenue(0)).toBe("$0");
  });

  it("links only http(s) URLs", () => {
    expect(safeHttpUrl("https://acme.com")).toBe("https://acme.com/");
    expect(safeHttpUrl(" http://acme.com/about ")).toBe("http://acme.com/about");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeHttpUrl("acme.com")).toBeNull();
    expect(safeHttpUrl("//evil.example")).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it("puts primary entries first and keeps the order of the rest", () => {
    const items = [
      { v: "a", isPrimary: false },
      { v: "b", isPrimary: true },
      { v: "c", isPrimary: false },
    ];
    expect(primaryFirst(items).map((i) => i.v)).toEqual(["b", "a", "c"]);
  });
});

describe("addressLines", () => {
  it("writes the postcode after the state, without a comma, and skips what is missing", () => {
    expect(
      addressLines({
        street: "123 Main Street",
        city: "San Francisco",
        state: "CA",
        code: "94105",
        country: "United States",
      }),
    ).toEqual(["123 Main Street", "San Francisco, CA 94105", "United States"]);
    expect(addressLines({ city: "Mumbai", code: "400076" })).toEqual(["Mumbai, 400076"]);
    expect(addressLines({ street: null, city: null, state: "", code: null, country: "India" })).toEqual(["India"]);
  });
});
