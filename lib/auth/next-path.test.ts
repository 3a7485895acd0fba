import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps admin paths with their query", () => {
    expect(safeNextPath("/admin")).toBe("/admin");
    expect(safeNextPath("/admin/contacts?q=ana&kind=person")).toBe("/admin/contacts?q=ana&kind=person");
  });
  it("sends everything else to the dashboard", () => {
    for (const bad of [
      undefined,
      null,
      "",
      "https://evil.example/admin",
      "//evil.example/admin",
      "/\\evil.example/admin",
      "/admin/../widgets/suresend",
      "/administrator",
      "/admin/login",
      "/admin/login?next=/admin",
      "admin",
      "javascript:alert(1)",
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/admin");
    }
  });
});
