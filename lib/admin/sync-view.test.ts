import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { connectorStatuses, formatDuration, labelledCounts, pollingText, runRange } from "./sync-view";

describe("connectorStatuses", () => {
  it("names what a disabled connector needs", () => {
    const [housing] = connectorStatuses(loadEnv({}));
    expect(housing).toMatchObject({ name: "housing", label: "Housing.com", enabled: false, summary: [] });
    expect(housing?.missing).toEqual(expect.arrayContaining(["HOUSING_CLIENT_ID", "HOUSING_API_KEY"]));
  });
  it("gives an enabled connector's counts and polling, never its key", () => {
    const statuses = connectorStatuses(
      loadEnv({ HOUSING_CLIENT_ID: "42", HOUSING_API_KEY: "secret-housing-key", HOUSING_POLL_SECONDS: "600" }),
    );
    expect(statuses[0]).toMatchObject({ enabled: true, missing: [], pollSeconds: 600 });
    expect(statuses[0]?.summary[0]).toEqual(["windows", "windows"]);
    expect(JSON.stringify(statuses)).not.toContain("secret-housing-key");
  });
});

describe("run formatting", () => {
  const start = new Date("2026-12-01T10:00:00Z");
  const after = (ms: number) => new Date(start.getTime() + ms);
  it("formats durations", () => {
    expect(formatDuration(start, null)).toBeNull();
    expect(formatDuration(start, after(1234))).toBe("1.2 s");
    expect(formatDuration(start, after(42_000))).toBe("42 s");
    expect(formatDuration(start, after(185_000))).toBe("3 min 5 s");
    expect(formatDuration(start, after(7_800_000))).toBe("2 h 10 min");
  });
  it("labels counts in the connector's order, unknown ones after", () => {
    const summary = [
      ["windows", "windows"],
      ["skipped", "duplicates skipped"],
    ] as const;
    expect(labelledCounts({ skipped: 2, extra: 1, windows: 7 }, summary)).toEqual([
      { label: "windows", value: 7 },
      { label: "duplicates skipped", value: 2 },
      { label: "extra", value: 1 },
    ]);
  });
  it("says how often a connector pulls", () => {
    expect(pollingText(undefined)).toMatch(/only when started/);
    expect(pollingText(7200)).toBe("Pulls every 2 h.");
    expect(pollingText(600)).toBe("Pulls every 10 min.");
    expect(pollingText(45)).toBe("Pulls every 45 s.");
    expect(pollingText(600, true)).toBe(
      "Syncs each connected account every 10 min, and a newly connected one within a minute.",
    );
  });
});

describe("runRange", () => {
  it("reads a Housing.com range as dates, and CRM.COM's pages as the words they are", () => {
    expect(runRange("2026-12-01T10:00:00.000Z", "2026-12-02T10:00:00.000Z")).toEqual({
      kind: "dates",
      start: new Date("2026-12-01T10:00:00Z"),
      end: new Date("2026-12-02T10:00:00Z"),
    });
    // Date.parse("page 1") is 1 Jan 2001 in V8: it must never be shown as a date.
    expect(runRange("page 1", "last page")).toEqual({ kind: "text", text: "page 1 – last page" });
  });
});
