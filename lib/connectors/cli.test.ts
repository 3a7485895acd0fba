import { describe, expect, it } from "vitest";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { checkAccountArgs, formatSummary, parseConnectorArgs, progressBar, progressReporter } from "./cli";
import type { RunResult } from "./run";

const connector = housingConnector({
  apiUrl: "http://127.0.0.1:1",
  clientId: "1",
  apiKey: "k",
  windowSeconds: 86400,
  pageSize: 1000,
  overlapSeconds: 3600,
});

function output(isTTY: boolean) {
  const out = { text: "", isTTY, write: (chunk: string) => (out.text += chunk) };
  return out;
}

describe("parseConnectorArgs", () => {
  it("reads the name, --since/--until as ISO dates, date-times or epoch seconds, --dry-run and --wait", () => {
    expect(parseConnectorArgs(["housing"])).toEqual({
      ok: true,
      args: { name: "housing", dryRun: false, full: false, waitSeconds: 0 },
    });
    expect(
      parseConnectorArgs([
        "housing",
        "--since",
        "2026-01-01",
        "--until",
        "2026-01-02T12:00:00",
        "--dry-run",
        "--wait",
        "30",
      ]),
    ).toEqual({
      ok: true,
      args: { name: "housing", since: 1767225600, until: 1767355200, dryRun: true, full: false, waitSeconds: 30 },
    });
    expect(parseConnectorArgs(["housing", "--since=1767225600", "--until", "2026-01-01T05:30:00+05:30"])).toMatchObject(
      {
        ok: true,
        args: { since: 1767225600, until: 1767225600 },
      },
    );
  });

  it("refuses what it cannot read, with a message", () => {
    const message = (argv: string[]) => {
      const parsed = parseConnectorArgs(argv);
      return parsed.ok ? "ok" : parsed.message;
    };
    expect(message([])).toBe("name the connector to run");
    expect(message(["housing", "crmcom"])).toBe("name exactly one connector");
    expect(message(["housing", "--since", "last week"])).toBe(
      "--since must be an ISO date, date-time or epoch seconds",
    );
    expect(message(["housing", "--since", "2026-02-01", "--until", "2026-01-01"])).toBe(
      "--since must not be after --until",
    );
    expect(message(["housing", "--wait", "-1"])).toMatch(/--wait/);
    expect(message(["housing", "--force"])).toMatch(/Unknown option '--force'/);
    expect(message(["housing", "--run-id", "c123"])).toBe("--run-id and --lease-owner go together");
    expect(message(["housing", "--run-id", "c1; rm", "--lease-owner", "h:1:ab"])).toBe("--run-id is a run's id");
  });

  it("reads --account and --full for a connector with accounts, and refuses them for the others", () => {
    const parsed = parseConnectorArgs(["retailcrm", "--account", "https://shop.retailcrm.ru", "--full"]);
    expect(parsed).toEqual({
      ok: true,
      args: { name: "retailcrm", account: "https://shop.retailcrm.ru", full: true, dryRun: false, waitSeconds: 0 },
    });
    expect(parseConnectorArgs(["retailcrm", "--account", "shop"])).toEqual({
      ok: false,
      message: "--account is an account's system URL",
    });
    if (!parsed.ok) throw new Error("parsed above");
    expect(checkAccountArgs("retailcrm", true, parsed.args)).toBeNull();
    expect(checkAccountArgs("housing", false, parsed.args)).toBe(
      "the housing connector has no accounts: --account and --full are for retailcrm",
    );
  });

  it("reads the server's handover of a recorded run", () => {
    expect(
      parseConnectorArgs(["housing", "--run-id", "cmj0abc", "--lease-owner", "web-1.local:4242:0a1b2c3d"]),
    ).toEqual({
      ok: true,
      args: {
        name: "housing",
        dryRun: false,
        full: false,
        waitSeconds: 0,
        handover: { runId: "cmj0abc", leaseOwner: "web-1.local:4242:0a1b2c3d" },
      },
    });
  });
});

describe("progress and summary", () => {
  const unit = (done: number) =>
    ({
      type: "unit",
      label: `window ${done}`,
      done,
      totalUnits: 4,
      unit: { splits: 1, fetched: 10, created: 8, updated: 1, skipped: 1, contactsCreated: 7, contactsMatched: 1 },
      counts: { windows: done, fetched: 10 * done },
    }) as const;

  it("prints one plain line per window when not on a terminal", () => {
    const out = output(false);
    const report = progressReporter(connector, out);
    report({
      type: "start",
      connector: "housing",
      runId: "r1",
      range: { start: "A", end: "B" },
      totalUnits: 4,
      dryRun: false,
    });
    report(unit(1));
    report({ type: "retry", attempt: 1, delayMs: 1500, reason: "Housing.com answered HTTP 503" });
    report(unit(2));
    expect(out.text).toBe(
      "housing run r1: A … B, 4 windows\n" +
        "window 1/4 window 1: windows split 1, fetched 10, created 8, updated 1, duplicates skipped 1, new contacts 7, matched to existing contacts 1\n" +
        "  retry 1 in 1.5 s: Housing.com answered HTTP 503\n" +
        "window 2/4 window 2: windows split 1, fetched 10, created 8, updated 1, duplicates skipped 1, new contacts 7, matched to existing contacts 1\n",
    );
  });

  it("redraws a bar in place on a terminal", () => {
    const out = output(true);
    const report = progressReporter(connector, out);
    report(unit(1));
    report(unit(2));
    expect(out.text).toBe(
      `\r\x1b[2K${progressBar(1, 4)} 1/4 windows · 10 fetched\r\x1b[2K${progressBar(2, 4)} 2/4 windows · 20 fetched`,
    );
    expect(progressBar(2, 4, 8)).toBe("[####----]");
  });

  it("sums up a run", () => {
    const result: RunResult = {
      runId: "r1",
      connector: "housing",
      status: "succeeded",
      dryRun: true,
      range: null,
      counts: {
        windows: 3,
        splits: 2,
        fetched: 12345,
        created: 12000,
        updated: 0,
        skipped: 345,
        contactsCreated: 11000,
        contactsMatched: 1000,
      },
      error: null,
      problems: { shown: [], total: 0 },
    };
    expect(formatSummary(connector, result)).toBe(
      "housing run r1 succeeded (dry run: nothing was written)\n" +
        "  windows 3, windows split 2, fetched 12,345, created 12,000, updated 0, duplicates skipped 345, new contacts 11,000, matched to existing contacts 1,000",
    );
    expect(formatSummary(connector, { ...result, status: "failed", dryRun: false })).toMatch(
      /^housing run r1 FAILED\n/,
    );
  });

  it("lists the first records a run could not import, and how many more there were", () => {
    const problems = {
      shown: Array.from({ length: 12 }, (_, i) => `id-${i}: email_address: Invalid email address`),
      total: 40,
    };
    const summary = formatSummary(connector, {
      runId: "r2",
      connector: "housing",
      status: "succeeded",
      dryRun: false,
      range: null,
      counts: {},
      error: null,
      problems,
    }).split("\n");
    expect(summary.slice(2)).toEqual([
      "  40 records not imported:",
      ...problems.shown.slice(0, 10).map((line) => `    ${line}`),
      "    … and 30 more",
    ]);
  });
});
