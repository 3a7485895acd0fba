import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, parseInstant } from "./env";

const secret64 = "a".repeat(64);

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadEnv", () => {
  it("has the contract's defaults", () => {
    const env = loadEnv({});
    expect(env.databaseUrl).toBe("file:./data/crm-bridge.db");
    expect(env.port).toBe(3000);
    expect(env.appBaseUrl).toBe("http://localhost:3000");
    expect(env.housing).toEqual({ enabled: false, missing: ["HOUSING_CLIENT_ID", "HOUSING_API_KEY"] });
  });

  it("builds APP_BASE_URL from PORT and drops a trailing slash", () => {
    expect(loadEnv({ PORT: "8080" }).appBaseUrl).toBe("http://localhost:8080");
    expect(loadEnv({ APP_BASE_URL: "https://crm.example.com/" }).appBaseUrl).toBe("https://crm.example.com");
  });

  it("disables an integration whose required variables are missing, naming them", () => {
    const env = loadEnv({});
    expect(env.suresend).toEqual({ enabled: false, missing: ["SURESEND_WIDGET_SECRET"] });
    expect(env.retailcrm).toEqual({
      enabled: false,
      missing: ["RETAILCRM_MODULE_CODE", "RETAILCRM_SECRET", "ENCRYPTION_KEY (or SESSION_SECRET)"],
    });
  });

  it("seals stored secrets with ENCRYPTION_KEY, else SESSION_SECRET, and opens with both", () => {
    const session = "s".repeat(32);
    const encryption = "e".repeat(32);
    const retail = { RETAILCRM_MODULE_CODE: "crm-bridge", RETAILCRM_SECRET: "retail-secret" };
    expect(loadEnv({ ...retail, SESSION_SECRET: session }).encryptionSecrets).toEqual([session]);
    const both = loadEnv({ ...retail, SESSION_SECRET: session, ENCRYPTION_KEY: encryption });
    expect(both.encryptionSecrets).toEqual([encryption, session]);
    expect(both.retailcrm.enabled).toBe(true);
    expect(loadEnv({ ...retail, ENCRYPTION_KEY: encryption }).retailcrm.enabled).toBe(true);
    expect(problemsOf({ ENCRYPTION_KEY: "too-short" })[0]).toMatch(/^ENCRYPTION_KEY: must be at least 32 characters/);
  });

  it("syncs retailCRM accounts every 600 s unless RETAILCRM_POLL_SECONDS says otherwise (0: off)", () => {
    const retail = {
      RETAILCRM_MODULE_CODE: "crm-bridge",
      RETAILCRM_SECRET: "retail-secret",
      SESSION_SECRET: "s".repeat(32),
    };
    const poll = (value?: string) => {
      const env = loadEnv({ ...retail, RETAILCRM_POLL_SECONDS: value });
      return env.retailcrm.enabled ? env.retailcrm.config.pollSeconds : undefined;
    };
    expect(poll()).toBe(600);
    expect(poll("0")).toBe(0);
    expect(poll("90")).toBe(90);
    expect(problemsOf({ RETAILCRM_POLL_SECONDS: "ten" })[0]).toMatch(/^RETAILCRM_POLL_SECONDS: /);
  });

  it("enables Sure Send with both keys of a rotation, current first", () => {
    const env = loadEnv({ SURESEND_WIDGET_SECRET: secret64, SURESEND_WIDGET_SECRET_PREVIOUS: "b".repeat(64) });
    expect(env.suresend.enabled && env.suresend.config.secrets.map((k) => k.slot)).toEqual(["current", "previous"]);
    expect(env.frameAncestors.suresend).toEqual(["https://app.suresend.ai"]);
  });

  it("names every malformed variable at once", () => {
    const problems = problemsOf({
      PORT: "eighty",
      APP_BASE_URL: "not a url",
      DATABASE_URL: "mysql://x",
      SURESEND_WIDGET_SECRET: "short",
      HOUSING_WINDOW_SECONDS: "-5",
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "DATABASE_URL",
      "PORT",
      "APP_BASE_URL",
      "SURESEND_WIDGET_SECRET",
      "HOUSING_WINDOW_SECONDS",
    ]);
  });

  it("refuses frame ancestors that could inject another CSP directive", () => {
    expect(problemsOf({ SURESEND_FRAME_ANCESTORS: "https://a.example.com; script-src *" })[0]).toMatch(
      /^SURESEND_FRAME_ANCESTORS:/,
    );
    expect(
      loadEnv({ SOCIALSIGNIN_FRAME_ANCESTORS: "https://a.example.com  http://127.0.0.1:4000" }).frameAncestors,
    ).toEqual({
      suresend: ["https://app.suresend.ai"],
      socialsignin: ["https://a.example.com", "http://127.0.0.1:4000"],
    });
  });

  it("requires SESSION_SECRET in production", () => {
    expect(problemsOf({ NODE_ENV: "production" })[0]).toMatch(/^SESSION_SECRET: required in production/);
  });

  it("reads a secret from the file named by VAR_FILE", () => {
    const file = join(mkdtempSync(join(tmpdir(), "env-")), "secret");
    writeFileSync(file, `${secret64}\n`);
    const env = loadEnv({ SURESEND_WIDGET_SECRET_FILE: file });
    expect(env.suresend.enabled && env.suresend.config.secrets[0]?.secret).toBe(secret64);
    expect(problemsOf({ SURESEND_WIDGET_SECRET_FILE: "/nonexistent/secret" })[0]).toMatch(
      /^SURESEND_WIDGET_SECRET_FILE:/,
    );
    expect(problemsOf({ SURESEND_WIDGET_SECRET_FILE: file, SURESEND_WIDGET_SECRET: secret64 })[0]).toMatch(
      /set only one/,
    );
  });

  it("never puts a secret's value into an error message", () => {
    const problems = problemsOf({ SURESEND_WIDGET_SECRET: "my-leaked-secret-value" });
    expect(problems.join("\n")).not.toContain("my-leaked-secret-value");
  });

  it("asks Housing.com for its largest page and re-reads an hour by default; refuses pages above 1000", () => {
    const housing = loadEnv({ HOUSING_CLIENT_ID: "1", HOUSING_API_KEY: "k" }).housing;
    expect(housing.enabled && [housing.config.pageSize, housing.config.overlapSeconds]).toEqual([1000, 3600]);
    const set = loadEnv({
      HOUSING_CLIENT_ID: "1",
      HOUSING_API_KEY: "k",
      HOUSING_PAGE_SIZE: "250",
      HOUSING_OVERLAP_SECONDS: "0",
    }).housing;
    expect(set.enabled && [set.config.pageSize, set.config.overlapSeconds]).toEqual([250, 0]);
    expect(problemsOf({ HOUSING_PAGE_SIZE: "1001", HOUSING_OVERLAP_SECONDS: "-1" })).toEqual([
      "HOUSING_PAGE_SIZE: must be at most 1000",
      "HOUSING_OVERLAP_SECONDS: must be a whole number",
    ]);
  });

  it("chooses CRM.COM's secret key over user sign-in", () => {
    const both = loadEnv({ CRMCOM_SECRET_KEY: "k", CRMCOM_USERNAME: "u", CRMCOM_PASSWORD: "p" });
    expect(both.crmcom.enabled && both.crmcom.config.auth.kind).toBe("apiKey");
    const user = loadEnv({ CRMCOM_USERNAME: "u", CRMCOM_PASSWORD: "p" });
    expect(user.crmcom.enabled && user.crmcom.config.auth).toEqual({ kind: "user", username: "u", password: "p" });
    expect(loadEnv({ CRMCOM_USERNAME: "u" }).crmcom.enabled).toBe(false);
  });
});

describe("parseInstant", () => {
  it("reads ISO dates and date-times as UTC, and epoch seconds", () => {
    expect(parseInstant("2026-01-02")).toBe(Date.UTC(2026, 0, 2) / 1000);
    expect(parseInstant("2026-01-02T03:04:05")).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000);
    expect(parseInstant("2026-01-02T03:04:05+02:00")).toBe(Date.UTC(2026, 0, 2, 1, 4, 5) / 1000);
    expect(parseInstant("1767312000")).toBe(1767312000);
    expect(parseInstant("yesterday")).toBeUndefined();
    expect(parseInstant("2026-13-45")).toBeUndefined();
  });
});
