// One connector run: take the lease, plan from the stored cursor, then unit after unit
// pull (retried on transient failures) and commit the unit's data together with the
// cursor in one transaction, recording counts as it goes. A run killed at any point has
// committed whole units only, so the next run resumes from the last one: nothing lost,
// nothing twice. Units are written on a connection of the run's own, at the driver level
// (a session of lib/db/driver): Prisma's raw-query path costs more than the writes themselves.
// The database briefly out of reach (a restart, a reset connection, SQLite's lock held
// past our wait) is retried like a peer's failure, for every statement of the run; any
// other failure, or an interruption, closes the run record as failed and frees the lease.
import "server-only";
import { type Db, db, databaseUrlOf } from "@/lib/db/client";
import { type Sql, openSession } from "@/lib/db/driver";
import { refreshStatisticsAfterImport, writtenRecords } from "@/lib/db/optimize";
import { renewLease } from "@/lib/db/connector-state";
import { updateConnectorRunCounts } from "@/lib/db/connector-runs";
import { transientDbReason } from "@/lib/db/transient-errors";
import {
  type Connector,
  type Counts,
  type ProgressEvent,
  type PulledUnit,
  type RunPlan,
  stateKey,
} from "@/lib/connectors/types";
import { ConnectorError, RetryableError, describeError } from "@/lib/connectors/errors";
import type { Lease } from "@/lib/connectors/lease";
import { type RetryPolicy, withDatabaseRetry, withRetry } from "@/lib/connectors/retry";
import { claimRun, closeRun, retryReporter, takeOverRun } from "@/lib/connectors/run-claim";
import { type Problems, addProblems, noProblems, runErrorText } from "@/lib/connectors/problems";
import { type Logger, logger } from "@/lib/log";

export type RunSettings = {
  client?: Db;
  dryRun?: boolean;
  /** backfill bounds (epoch seconds); a backfill leaves the cursor where it was */
  since?: number;
  until?: number;
  /** how long to wait for another run to finish; 0 (default) = give up at once */
  waitSeconds?: number;
  leaseSeconds?: number;
  retry?: RetryPolicy;
  now?: () => Date;
  onProgress?: (event: ProgressEvent) => void;
  /** aborting it stops the run (it is recorded as failed: interrupted) */
  signal?: AbortSignal;
  /** false: leave the planner's statistics alone after the run (for tests of never-analyzed databases) */
  refreshStatistics?: boolean;
  /**
   * The server's handover (lib/connectors/child-run.ts): run the run it recorded, under the
   * lease it took, instead of taking a lease and recording a run here.
   */
  handover?: { runId: string; leaseOwner: string };
  /** SQLite: how long a unit waits for the write lock before that attempt fails and is retried (default 10 s) */
  sqliteLockWaitMs?: number;
};

export type RunResult = {
  runId: string;
  connector: string;
  status: "succeeded" | "failed";
  dryRun: boolean;
  range: RunPlan["range"];
  counts: Counts;
  /** why the run failed; null when it succeeded */
  error: string | null;
  /** records the run could not import (it went on without them); the run record lists them after the error */
  problems: Problems;
};

export type StartedRun = { runId: string; finished: Promise<RunResult> };

/** How a run ended, as every way of starting one tells it (in this process or another). */
export type RunOutcome = Pick<RunResult, "runId" | "status" | "error">;

/**
 * A way to start a run of a connector: in a process of its own (what the server does,
 * lib/connectors/child-run.ts) or in this one (inThisProcess). Resolves once the run
 * holds the lease and its record exists; throws LeaseBusyError like startConnectorRun.
 */
export type RunLauncher = (connector: Connector) => Promise<{ runId: string; finished: Promise<RunOutcome> }>;

/** Runs in this process, with these settings (the command line; tests). */
export function inThisProcess(settings: RunSettings = {}): RunLauncher {
  return (connector) => startConnectorRun(connector, settings);
}

/**
 * Starts a run: resolves once it holds the lease and its record exists; `finished`
 * resolves (never rejects) with the outcome. Throws LeaseBusyError when another run
 * holds the lease beyond `waitSeconds`.
 */
export async function startConnectorRun(connector: Connector, settings: RunSettings = {}): Promise<StartedRun> {
  const client = settings.client ?? db();
  const dryRun = settings.dryRun ?? false;
  const { runId, lease, plan } = settings.handover
    ? await takeOverRun(connector, settings.handover, settings)
    : await claimRun(connector, settings);
  const log = logger().child({ connector: connector.name, runId });
  log.info(
    { event: "run.started", range: plan.range, totalUnits: plan.totalUnits, dryRun },
    `${connector.name} run started${dryRun ? " (dry run)" : ""}`,
  );
  settings.onProgress?.({
    type: "start",
    connector: connector.name,
    runId,
    range: plan.range,
    totalUnits: plan.totalUnits,
    dryRun,
  });
  const finished = execute({ connector, plan, runId, lease, client, dryRun, settings, log }).then(async (result) => {
    await lease.release().catch((error: unknown) => {
      log.warn(
        { event: "lease.release_failed", err: error },
        `${connector.name} lease not released: it expires on its own`,
      );
    });
    return result;
  });
  return { runId, finished };
}

/** Runs a connector to the end (see startConnectorRun). */
export async function runConnector(connector: Connector, settings: RunSettings = {}): Promise<RunResult> {
  const { finished } = await startConnectorRun(connector, settings);
  return finished;
}

type Execution = {
  connector: Connector;
  plan: RunPlan;
  runId: string;
  lease: Lease;
  client: Db;
  dryRun: boolean;
  settings: RunSettings;
  log: Logger;
};

async function execute(run: Execution): Promise<RunResult> {
  const { connector, plan, runId, client, settings, log } = run;
  const startedAt = Date.now();
  // `ended` stops a prefetch still in flight once the run ends, however it ends.
  const ended = new AbortController();
  const stops = [run.lease.lost, ended.signal, ...(settings.signal ? [settings.signal] : [])];
  const signal = AbortSignal.any(stops);
  const counts: Counts = Object.fromEntries(connector.summary.map(([key]) => [key, 0]));
  let problems = noProblems;
  const result = (status: RunResult["status"], error: string | null): RunResult => ({
    runId,
    connector: connector.name,
    status,
    dryRun: run.dryRun,
    range: plan.range,
    counts,
    error,
    problems,
  });
  const onRetry = (step: string) => retryReporter(settings, connector.name, step, log);
  const pull = () => {
    const pulled = withRetry(() => plan.pullNext(signal), {
      policy: settings.retry,
      signal,
      onRetry: onRetry("fetch"),
    });
    pulled.catch(() => {
      // Observed where it is awaited; this only keeps a prefetch abandoned by a failed commit from going unhandled.
    });
    return pulled;
  };
  const sessions = new UnitSessions(databaseUrlOf(client), settings.sqliteLockWaitMs);
  try {
    let next = pull();
    for (let done = 1; ; done++) {
      const unit = await next;
      if (unit === null) break;
      signal.throwIfAborted();
      // Fetch the next unit while this one is written: the peer and the database work at the same time.
      next = pull();
      const unitProblems = addProblems(problems, unit.problems);
      const addUp = (unitCounts: Counts) => {
        const total = { ...counts };
        for (const [key, value] of Object.entries(unitCounts)) total[key] = (total[key] ?? 0) + value;
        total[connector.unit.many] = (total[connector.unit.many] ?? 0) + 1;
        total.fetched = (total.fetched ?? 0) + unit.fetched;
        return total;
      };
      // The unit's data, cursor and counts commit together or not at all, so an attempt
      // that failed with the database away left nothing behind: it is simply made again.
      const saved = await withDatabaseRetry(
        () => sessions.use((session) => commitUnit(run, session, unit, unitProblems, addUp)),
        {
          policy: settings.retry,
          signal,
          onRetry: onRetry("commit"),
        },
      );
      Object.assign(counts, saved.total);
      problems = unitProblems;
      settings.onProgress?.({
        type: "unit",
        label: unit.label,
        done,
        totalUnits: plan.totalUnits,
        unit: { fetched: unit.fetched, ...saved.unit },
        counts: { ...counts },
      });
    }
    await closeRun(
      runId,
      { status: "succeeded", counts, error: runErrorText(null, problems) },
      client,
      onRetry("record"),
    );
    log.info(
      { event: "run.finished", status: "succeeded", counts, ms: Date.now() - startedAt },
      `${connector.name} run succeeded`,
    );
    if (!run.dryRun && settings.refreshStatistics !== false) {
      await refreshStatisticsAfterImport(databaseUrlOf(client), writtenRecords(counts));
    }
    return result("succeeded", null);
  } catch (thrown) {
    const aborted = stops.some((s) => s !== ended.signal && s.aborted);
    const error = aborted && !(thrown instanceof ConnectorError) ? abortReason(signal) : thrown;
    const message = describeError(error);
    const expected = error instanceof ConnectorError || error instanceof RetryableError;
    // An error of our own code (not the peer's, not the database's) keeps its details in the log.
    if (!expected) log.error({ event: "run.error", err: error }, `${connector.name} run failed unexpectedly`);
    await closeRun(
      runId,
      { status: "failed", counts, error: runErrorText(message, problems) },
      client,
      onRetry("record"),
    ).catch((closing: unknown) => {
      // The database stayed away: the next lease holder marks this run as abandoned.
      log.error({ event: "run.record_failed", err: closing }, `${connector.name} run record not closed`);
    });
    log.error(
      { event: "run.finished", status: "failed", counts, ms: Date.now() - startedAt, error: message },
      `${connector.name} run failed: ${message}`,
    );
    return result("failed", message);
  } finally {
    ended.abort();
    await sessions.close();
  }
}

/**
 * The run's own connection for its units (a session of lib/db/driver), opened when first
 * needed and opened again after a transient failure broke it.
 */
class UnitSessions {
  private session: Sql | undefined;
  constructor(
    private readonly url: string,
    private readonly sqliteLockWaitMs: number | undefined,
  ) {}

  async use<T>(fn: (session: Sql) => Promise<T>): Promise<T> {
    this.session ??= await openSession(this.url, { lockWaitMs: this.sqliteLockWaitMs });
    try {
      return await fn(this.session);
    } catch (error) {
      if (transientDbReason(error) !== null) await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close().catch(() => {
      // Closing a broken connection: nothing left to release.
    });
  }
}

function abortReason(signal: AbortSignal): ConnectorError {
  return signal.reason instanceof ConnectorError
    ? signal.reason
    : new ConnectorError("interrupted", "the run was stopped before it finished");
}

/**
 * Saves one unit, moves the cursor and records the run's new counts (and the records it
 * could not import so far) in one transaction, so the run record always tells exactly
 * what is committed. A dry run's transaction is always rolled back; only its counts are recorded.
 */
async function commitUnit(
  run: Execution,
  session: Sql,
  unit: PulledUnit,
  problems: Problems,
  addUp: (unitCounts: Counts) => Counts,
): Promise<{ unit: Counts; total: Counts }> {
  // The record's error column lists the problems; written only when this unit adds some.
  const errorText = unit.problems?.length ? runErrorText(null, problems) : undefined;
  const { connector, lease, plan, runId } = run;
  if (run.dryRun) {
    const counts = await session.transaction((tx) => unit.save({ tx, dryRun: true }), { rollback: true });
    const total = addUp(counts);
    await updateConnectorRunCounts(runId, total, run.client, errorText);
    return { unit: counts, total };
  }
  return session.transaction(async (tx) => {
    const cursor = plan.advancesCursor ? unit.cursor : undefined;
    const fence = { name: stateKey(connector), owner: lease.owner, seconds: lease.seconds, now: new Date(), cursor };
    if (!(await renewLease(tx, fence))) {
      throw new ConnectorError(
        "lease_lost",
        `lost the ${connector.name} run lease (it expired and another run took it)`,
      );
    }
    const counts = await unit.save({ tx, dryRun: false });
    const total = addUp(counts);
    await updateConnectorRunCounts(runId, total, tx, errorText);
    return { unit: counts, total };
  });
}
