import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { integrationStatuses, keyAdvice } from "./connection-status";

const suresendSecret = "a".repeat(64);

describe("integrationStatuses", () => {
  it("names what is missing, and never a secret's value", () => {
    const statuses = integrationStatuses(loadEnv({ SURESEND_WIDGET_SECRET: suresendSecret }));
    const byId = Object.fromEntries(statuses.map((s) => [s.id, s]));
    expect(byId.suresend).toMatchObject({ enabled: true, missing: [], keys: { previousSet: false } });
    expect(byId.socialsignin).toMatchObject({ enabled: false, missing: ["SOCIALSIGNIN_SECRET"] });
    expect(byId.retailcrm?.missing).toEqual(expect.arrayContaining(["RETAILCRM_MODULE_CODE", "RETAILCRM_SECRET"]));
    expect(byId.housing?.enabled).toBe(false);
    expect(JSON.stringify(statuses)).not.toContain(suresendSecret);
  });

  it("knows when a previous key is configured", () => {
    const statuses = integrationStatuses(
      loadEnv({ SOCIALSIGNIN_SECRET: "current-secret", SOCIALSIGNIN_SECRET_PREVIOUS: "previous-secret" }),
    );
    expect(statuses.find((s) => s.id === "socialsignin")?.keys?.previousSet).toBe(true);
    expect(JSON.stringify(statuses)).not.toMatch(/current-secret|previous-secret/);
  });
});

describe("keyAdvice", () => {
  const keys = { current: "X_SECRET", previous: "X_SECRET_PREVIOUS", previousSet: true };
  const at = new Date("2026-12-01T10:00:00Z");
  it("says to keep the previous key while hosts still use it", () => {
    expect(keyAdvice(keys, { keySlot: "previous", usedAt: at })).toMatchObject({
      tone: "warn",
      text: "A host still signs with the previous key, so keep X_SECRET_PREVIOUS for now.",
    });
  });
  it("says the previous key can go once the current one is in use, and nothing more when there is none", () => {
    expect(keyAdvice(keys, { keySlot: "current", usedAt: at })?.text).toBe(
      "Once every host has moved to the current key, X_SECRET_PREVIOUS can be removed.",
    );
    expect(keyAdvice({ ...keys, previousSet: false }, { keySlot: "current", usedAt: at })).toBeNull();
  });
  it("says when nothing was verified yet", () => {
    expect(keyAdvice(keys, null)).toEqual({ tone: "neutral", text: "No request has been verified yet." });
  });
});
