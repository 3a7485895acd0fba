import { describe, expect, it } from "vitest";
import { isDue } from "./accounts";

describe("isDue", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  it("is due when never synced, changed since its last sync, or last synced an interval ago", () => {
    expect(isDue({ updatedAt: ago(5) }, null, 600, now)).toBe(true);
    expect(isDue({ updatedAt: ago(5) }, ago(60), 600, now)).toBe(true); // connected again, or unfrozen
    expect(isDue({ updatedAt: ago(3600) }, ago(60), 600, now)).toBe(false);
    expect(isDue({ updatedAt: ago(3600) }, ago(600), 600, now)).toBe(true);
  });
});
