// Runs the server starts (polling, "Run now") execute in a child process: the command
// line's own entry, scripts/connector.ts, under the installed tsx. An import parses,
// matches and writes for seconds at a time; on the server's event loop that doubled the
// widget's and health check's stalls. A child process (rather than a worker thread) needs
// nothing built beside `next build` — the same entry runs under `next dev` and `next start`
// — and its memory, crashes and signals stay its own.
//
// The handover keeps "Run now" answering at once: this process takes the lease and
// records the run (so a busy lease is refused here, before anything is spawned), then the
// child takes both over (--run-id, --lease-owner) and does the rest. This process renews
// the lease too until the child ends, so nothing is lost while the child starts; and when
// the child ends without closing its record (killed, crashed), it is closed here and the
// lease freed at once. The child stops when this process ends (its IPC channel closes).
import "server-only";
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Db, databaseUrlOf, db } from "@/lib/db/client";
import { failRunningConnectorRun, findConnectorRun } from "@/lib/db/connector-runs";
import type { RunLauncher, RunOutcome } from "@/lib/connectors/run";
import type { ConnectorAccount } from "@/lib/connectors/types";
import { beginConnectorRun } from "@/lib/connectors/run-claim";
import { withDatabaseRetry } from "@/lib/connectors/retry";
import { logger } from "@/lib/log";
import { childProcessEnv } from "@/lib/env";

const entry = join("scripts", "connector.ts");
/** The run process's niceness: below the server's 0 (see lowerPriority). */
const runPriority = 10;

export type ChildRunOptions = {
  client?: Db;
  /** variables for the run's process over this process's environment (tests point it at fakes) */
  env?: Record<string, string | undefined>;
  dryRun?: boolean;
  /** the run's output: this process's stdout and stderr (default), or pipes to read (tests) */
  output?: "inherit" | "pipe";
  /** the account to sync, for a connector with several (retailCRM) */
  account?: ConnectorAccount;
};

export type ChildRun = {
  runId: string;
  /** the run's process */
  pid: number | undefined;
  /** with output "pipe": what the run's process writes (its log lines) */
  stdout: NodeJS.ReadableStream | null;
  finished: Promise<RunOutcome>;
};

/** Why runs cannot be started in a process of their own here; null when they can. */
export function childRunUnavailable(root = process.cwd()): string | null {
  if (!existsSync(join(root, entry))) return `${entry} is not in ${root} (start the server from the project's folder)`;
  try {
    createRequire(join(root, "package.json")).resolve("tsx");
  } catch {
    return "tsx is not installed (npm ci installs it)";
  }
  return null;
}

/**
 * Records a run of connector `name` under its lease and starts its process; resolves with
 * the run's id as soon as the process is spawned. Throws LeaseBusyError when another run
 * holds the lease, and Error when runs cannot be started here (childRunUnavailable).
 */
export async function launchConnectorRun(name: string, options: ChildRunOptions = {}): Promise<ChildRun> {
  const unavailable = childRunUnavailable();
  if (unavailable) throw new Error(`cannot start a ${name} run: ${unavailable}`);
  const client = options.client ?? db();
  const { runId, lease } = await beginConnectorRun(
    { name, account: options.account },
    { client, dryRun: options.dryRun },
  );
  const log = logger().child({ connector: name, runId });
  const args = [
    "--conditions=react-server",
    "--import",
    "tsx",
    entry,
    name,
    "--run-id",
    runId,
    "--lease-owner",
    lease.owner,
  ];
  if (options.account) args.push("--account", options.account.name);
  if (options.dryRun) args.push("--dry-run");
  const out = options.output ?? "inherit";
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: childProcessEnv({ DATABASE_URL: databaseUrlOf(client), ...options.env }),
    stdio: ["ignore", out, out, "ipc"],
  });
  log.info({ event: "run.launched", childPid: child.pid }, `${name} run handed to process ${child.pid ?? "?"}`);
  lowerPriority(child.pid);

  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  const finished = ended.then(async ({ code, signal, error }) => {
    const how = error
      ? `could not be started (${error.message})`
      : signal
        ? `was killed (${signal})`
        : `ended with exit code ${code}`;
    try {
      const reason = `interrupted: the run's process ${how} before it closed the run`;
      if (await withDatabaseRetry(() => failRunningConnectorRun(runId, reason, client), {})) {
        log.error(
          { event: "run.finished", status: "failed", error: reason, exitCode: code, signal },
          `${name} run failed: ${reason}`,
        );
      }
    } catch (closing) {
      log.error({ event: "run.record_failed", err: closing }, `${name} run record not closed`);
    }
    await lease.release().catch(() => {
      // It expires on its own.
    });
    const record = await findConnectorRun(runId, client).catch(() => null);
    return {
      runId,
      status: record?.status === "succeeded" ? "succeeded" : "failed",
      error: record?.error ?? null,
    } as const;
  });
  return { runId, pid: child.pid, stdout: child.stdout, finished };
}

/** The server's way to start a run (polling, "Run now"): in a process of its own. */
export const inChildProcess: RunLauncher = (connector) =>
  launchConnectorRun(connector.name, { account: connector.account });

/**
 * An import may wait; a view should not. On a machine with few cores the run's process
 * competes with the server for them, so it runs at a lower priority (nice 10): the server
 * is scheduled first, and the run takes what is left. Measured at 1,000,000 contacts on
 * 2 cores, without it the widget's p99 during an in-server import was ×1.87 of idle.
 * Where the system refuses (no permission), the run goes on at normal priority.
 */
function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, runPriority);
  } catch {
    // Not fatal: the run only competes as any process would.
  }
}
