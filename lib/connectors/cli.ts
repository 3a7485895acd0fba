// The command line of `npm run connector -- <name> [--since] [--until] [--dry-run] [--wait]`:
// argument parsing, progress (a bar on a terminal, plain lines otherwise) and the summary.
import "server-only";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseInstant } from "@/lib/env";
import type { Connector, Counts, ProgressEvent } from "@/lib/connectors/types";
import type { AccountsResult } from "@/lib/connectors/accounts-run";
import type { RunResult } from "@/lib/connectors/run";
import { problemLines } from "@/lib/connectors/problems";

export type CliArgs = {
  name: string;
  since?: number;
  until?: number;
  dryRun: boolean;
  waitSeconds: number;
  /** --account: only this account of a connector with several (retailCRM: its system URL) */
  account?: string;
  /** --full: repeat the full pass (retailCRM) */
  full: boolean;
  /** --run-id with --lease-owner: the server hands over a run it recorded (lib/connectors/child-run.ts) */
  handover?: { runId: string; leaseOwner: string };
};

export const usage =
  "usage: npm run connector -- <name> [--since <date>] [--until <date>] [--dry-run] [--wait <seconds>]\n" +
  "  <date>: ISO date or date-time (UTC when no zone is given) or epoch seconds\n" +
  "  --since/--until: backfill that range; the stored cursor stays where it was (time-ranged connectors: housing)\n" +
  "  --dry-run: fetch and count, write nothing\n" +
  "  --account <systemUrl>: (retailcrm) sync only this connected account; --full: repeat the full pass\n" +
  "  --wait: when another run is in progress, wait up to this long for it (default: exit at once)\n" +
  "  --run-id <id> --lease-owner <owner>: (used by the server) run the run it recorded, under the lease it took;\n" +
  "    progress and summary are then log lines only";

const instantArg = (flag: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const seconds = parseInstant(value.trim());
      if (seconds === undefined) {
        ctx.addIssue({ code: "custom", message: `${flag} must be an ISO date, date-time or epoch seconds` });
        return z.NEVER;
      }
      return seconds;
    });

const argsSchema = z
  .object({
    name: z
      .string({ error: "name the connector to run" })
      .regex(/^[a-z0-9-]+$/, "the connector name is letters and digits"),
    since: instantArg("--since"),
    until: instantArg("--until"),
    dryRun: z.boolean(),
    account: z.url({ error: "--account is an account's system URL" }).max(2000).optional(),
    full: z.boolean(),
    waitSeconds: z
      .string()
      .regex(/^\d+$/, "--wait must be a whole number of seconds")
      .transform(Number)
      .optional()
      .transform((v) => v ?? 0),
    runId: z
      .string()
      .regex(/^[a-z0-9]{1,40}$/, "--run-id is a run's id")
      .optional(),
    leaseOwner: z
      .string()
      .regex(/^[\w.:-]{1,200}$/, "--lease-owner is a lease owner as the server names it")
      .optional(),
  })
  .refine(
    (a) => a.since === undefined || a.until === undefined || a.since <= a.until,
    "--since must not be after --until",
  )
  .refine((a) => (a.runId === undefined) === (a.leaseOwner === undefined), "--run-id and --lease-owner go together")
  .transform(({ runId, leaseOwner, ...args }): CliArgs => ({
    ...args,
    handover: runId !== undefined && leaseOwner !== undefined ? { runId, leaseOwner } : undefined,
  }));

export function parseConnectorArgs(argv: string[]): { ok: true; args: CliArgs } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        since: { type: "string" },
        until: { type: "string" },
        "dry-run": { type: "boolean" },
        account: { type: "string" },
        full: { type: "boolean" },
        wait: { type: "string" },
        "run-id": { type: "string" },
        "lease-owner": { type: "string" },
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.positionals.length > 1) return { ok: false, message: "name exactly one connector" };
  const result = argsSchema.safeParse({
    name: parsed.positionals[0],
    since: parsed.values.since,
    until: parsed.values.until,
    dryRun: parsed.values["dry-run"] ?? false,
    account: parsed.values.account,
    full: parsed.values.full ?? false,
    waitSeconds: parsed.values.wait,
    runId: parsed.values["run-id"],
    leaseOwner: parsed.values["lease-owner"],
  });
  if (!result.success) return { ok: false, message: result.error.issues[0]?.message ?? "invalid arguments" };
  return { ok: true, args: result.data };
}

const number = new Intl.NumberFormat("en-US");

export function formatCounts(connector: Connector, counts: Counts, omit?: string): string {
  return connector.summary
    .filter(([key]) => key !== omit)
    .map(([key, label]) => `${label} ${number.format(counts[key] ?? 0)}`)
    .join(", ");
}

/** A progress bar of `width` cells for done/total. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

type Output = { write(text: string): unknown; isTTY?: boolean };

/** Reports progress on `out`: a bar redrawn in place on a terminal, one line per unit otherwise. */
export function progressReporter(connector: Connector, out: Output): (event: ProgressEvent) => void {
  const tty = out.isTTY === true;
  let barShown = false;
  const line = (text: string) => {
    if (barShown) out.write("\n");
    barShown = false;
    out.write(`${text}\n`);
  };
  return (event) => {
    switch (event.type) {
      case "waiting":
        line(`${connector.name}: another run is in progress${event.holder ? ` (${event.holder})` : ""}; waiting`);
        break;
      case "start": {
        const range = event.range ? ` ${event.range.start} … ${event.range.end}` : "";
        const n = event.totalUnits;
        const units = n === undefined ? "" : `, ${n} ${n === 1 ? connector.unit.one : connector.unit.many}`;
        line(
          `${connector.name} run ${event.runId}${event.dryRun ? " (dry run: nothing is written)" : ""}:${range}${units}`,
        );
        break;
      }
      case "retry":
        line(`  retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.reason}`);
        break;
      case "unit": {
        const of = event.totalUnits === undefined ? `${event.done}` : `${event.done}/${event.totalUnits}`;
        if (tty) {
          const bar = event.totalUnits === undefined ? "" : `${progressBar(event.done, event.totalUnits)} `;
          out.write(
            `\r\x1b[2K${bar}${of} ${connector.unit.many} · ${number.format(event.counts.fetched ?? 0)} fetched`,
          );
          barShown = true;
        } else {
          line(
            `${connector.unit.one} ${of} ${event.label}: ${formatCounts(connector, event.unit, connector.unit.many)}`,
          );
        }
        break;
      }
    }
  };
}

/** Records not imported that a summary lists; the run record keeps more. */
const problemsInSummary = 10;

export function formatSummary(connector: Connector, result: RunResult): string {
  const outcome = result.status === "succeeded" ? "succeeded" : "FAILED";
  const dry = result.dryRun ? " (dry run: nothing was written)" : "";
  const problems = problemLines(result.problems, problemsInSummary).map((line) => `  ${line}`);
  return [
    `${connector.name} run ${result.runId} ${outcome}${dry}`,
    `  ${formatCounts(connector, result.counts)}`,
    ...problems,
  ].join("\n");
}

/** Refuses --since / --until for a connector that has no time range (e.g. CRM.COM's pages). */
export function checkBackfillArgs(connector: Connector, args: CliArgs): string | null {
  if (connector.backfill || (args.since === undefined && args.until === undefined)) return null;
  return `the ${connector.name} connector takes no --since / --until: each run reads every page (usage: npm run connector -- ${connector.name} [--dry-run])`;
}

/** Refuses --account / --full for a connector with one source (they choose among accounts). */
export function checkAccountArgs(name: string, hasAccounts: boolean, args: CliArgs): string | null {
  if (hasAccounts || (args.account === undefined && !args.full)) return null;
  return `the ${name} connector has no accounts: --account and --full are for retailcrm`;
}

/** The summary of a run over several accounts: the totals, then each account's outcome. */
export function formatAccountsSummary(connector: Connector, result: AccountsResult, dryRun: boolean): string {
  const outcome = result.status === "succeeded" ? "succeeded" : "FAILED";
  const dry = dryRun ? " (dry run: nothing was written)" : "";
  const lines = [
    `${connector.name} ${outcome}${dry}: accounts ${number.format(result.counts.accounts ?? 0)}, ${formatCounts(connector, result.counts)}`,
  ];
  if (result.outcomes.length === 0) lines.push("  no account is connected (active and not frozen): nothing to sync");
  for (const { account, run } of result.outcomes) {
    if ("reason" in run) {
      lines.push(`  ${account.name}: not synced: ${run.reason}`);
      continue;
    }
    lines.push(`  ${account.name}: run ${run.runId} ${run.status === "succeeded" ? "succeeded" : "FAILED"}`);
    lines.push(`    ${formatCounts(connector, run.counts)}`);
    if (run.error) lines.push(`    error: ${run.error}`);
    for (const line of problemLines(run.problems, problemsInSummary)) lines.push(`    ${line}`);
  }
  return lines.join("\n");
}

/** Progress of several accounts at once: plain lines, each led by its account. */
export function accountsProgressReporter(connector: Connector, out: Output) {
  const reporters = new Map<string, (event: ProgressEvent) => void>();
  return (account: { id: string; name: string }, event: ProgressEvent) => {
    let report = reporters.get(account.id);
    if (!report) {
      report = progressReporter(connector, { write: (text) => out.write(`[${account.name}] ${text}`), isTTY: false });
      reporters.set(account.id, report);
    }
    report(event);
  };
}
