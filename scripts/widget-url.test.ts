// npm run widget:url, run as a real command: its URLs verify with the configured secret.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { verifySureSendQuery } from "@/lib/integrations/suresend/verify";
import { unixSeconds } from "@/lib/signing/verdict";
import { rawQueryOf } from "@/lib/http/raw-query";
import { testSecrets } from "@/tests/support/test-config";

function run(...args: string[]) {
  // As package.json runs it (tsx --conditions=react-server), without npx's start-up cost.
  const result = spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/widget-url.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, APP_BASE_URL: "http://127.0.0.1:3999" },
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

const ring = [{ slot: "current" as const, secret: testSecrets.SOCIALSIGNIN_SECRET }];
const now = () => Math.floor(Date.now() / 1000);

describe("npm run widget:url -- socialsignin", () => {
  it("prints a signed search URL that verifies, q first then expires", () => {
    const { status, stdout } = run("socialsignin", "--search", "José red+fox");
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^http:\/\/127\.0\.0\.1:3999\/api\/socialsignin\/search\?q=Jos%C3%A9\+red%2Bfox&expires=\d+&sig=[0-9a-f]{64}$/,
    );
    const result = verifySocialSignInQuery({ rawQuery: rawQueryOf(stdout), required: "q", ring, now: now() });
    expect(result).toMatchObject({ ok: true, value: "José red+fox" });
    expect(result.ok && result.expires - now()).toBeGreaterThan(3000);
  }, 30_000);

  it("prints a signed iframe URL, with --base and --ttl", () => {
    const { status, stdout } = run(
      "socialsignin",
      "--iframe",
      "cm-42",
      "--base",
      "https://crm.example.com/",
      "--ttl",
      "60",
    );
    expect(status).toBe(0);
    expect(stdout.startsWith("https://crm.example.com/socialsignin/iframe?id=cm-42&expires=")).toBe(true);
    const result = verifySocialSignInQuery({ rawQuery: rawQueryOf(stdout), required: "id", ring, now: now() });
    expect(result).toMatchObject({ ok: true, value: "cm-42" });
    expect(result.ok && result.expires - now()).toBeLessThanOrEqual(60);
  }, 30_000);

  it("says what --ttl must be, in its own words", () => {
    for (const [ttl, message] of [
      ["-10", "--ttl must be positive: the link's lifetime in seconds"],
      ["0", "--ttl must be positive: the link's lifetime in seconds"],
      ["ten", "--ttl must be a whole number of seconds"],
      ["999999", "--ttl must be at most 604800 seconds (7 days)"],
    ]) {
      const { status, stderr } = run("socialsignin", "--iframe", "cm-1", "--ttl", ttl!);
      expect([ttl, status, stderr.split("\n")[0]]).toEqual([ttl, 2, message]);
    }
  }, 60_000);

  it("exits 2 with the usage on bad arguments", () => {
    for (const args of [["socialsignin", "--search", "a", "--iframe", "b"], ["nowhere"], ["socialsignin", "--wat"]]) {
      const { status, stderr } = run(...args);
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain("usage: npm run widget:url");
    }
  }, 60_000);
});

describe("npm run widget:url -- suresend", () => {
  const config = {
    ring: [{ slot: "current" as const, secret: testSecrets.SURESEND_WIDGET_SECRET }],
    maxAgeSeconds: 300,
  };

  it("prints fresh, signed person and company widget URLs that verify", () => {
    for (const [flag, kind] of [
      ["--person", "person"],
      ["--company", "company"],
    ] as const) {
      const { status, stdout } = run("suresend", flag);
      expect(status).toBe(0);
      expect(stdout.startsWith("http://127.0.0.1:3999/widgets/suresend?context=")).toBe(true);
      const verdict = verifySureSendQuery({ rawQuery: rawQueryOf(stdout), ...config, now: unixSeconds() });
      expect(verdict.ok && verdict.context[kind]).toBeTruthy();
    }
  }, 30_000);

  it("exits 2 with the usage without exactly one view", () => {
    for (const args of [["suresend"], ["suresend", "--person", "--company"]]) {
      const { status, stderr } = run(...args);
      expect(status).toBe(2);
      expect(stderr).toContain("usage: npm run widget:url -- suresend");
    }
  }, 30_000);
});
