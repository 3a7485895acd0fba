// One connector run: take the lease, plan from the stored cursor, then unit after unit
// pull (retried on transient failures) and commit the unit's data together with the
// cursor in one transaction, recording counts as it goes. A run killed at any point has
// committed whole units only, so the next run resumes from the last one: nothing lost,
// nothing twice. Units are written on a connection of the run's own, at the driver level
// (lib/db/sql-session.ts): Prisma's raw-query path costs more than the writes themselves.
import { type Db, db, databaseUrlOf } from "@/lib/db/client";
import { type SqlSession, openSqlSession } from "@/lib/db/sql-session";
import { refreshStatisticsAfterImport, writtenRecords } from "@/lib/db/optimize";
import { findConnectorState, renewLease } from "@/lib/db/connector-state";
import {
  createConnectorRun,
  failAbandonedRuns,
  finishConnectorRun,
  updateConnectorRunCounts,
} from "@/lib/db/connector-runs";
import type { Connector, Counts, ProgressEvent, PulledUnit, RunPlan } from "@/lib/connectors/types";
import { ConnectorError, RetryableError, describeError } from "@/lib/connectors/errors";
import { type Lease, acquireLease } from "@/lib/connectors/lease";
import { type RetryPolicy, withRetry } from "@/lib/connectors/retry";
import { type Problems, addProblems, noProblems, runErrorText } from "@/lib/connectors/problems";

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

/**
 * Starts a run: resolves once it holds the lease and its record exists; `finished`
 * resolves (never rejects) with the outcome. Throws LeaseBusyError when another run
 * holds the lease beyond `waitSeconds`.
 */
export async function startConnectorRun(connector: Connector, settings: RunSettings = {}): Promise<StartedRun> {
  const client = settings.client ?? db();
  const now = settings.now ?? (() => new Date());
  const dryRun = settings.dryRun ?? false;
  const lease = await acquireLease(connector.name, {
    client,
    seconds: settings.leaseSeconds,
    waitSeconds: settings.waitSeconds,
    signal: settings.signal,
    onWait: (holder) => settings.onProgress?.({ type: "waiting", holder }),
  });
  let runId: string;
  let plan: RunPlan;
  try {
    await failAbandonedRuns(connector.name, client);
    const state = await findConnectorState(connector.name, client);
    plan = connector.plan({ cursor: state?.cursor ?? null, since: settings.since, until: settings.until, now: now() });
    runId = await createConnectorRun(
      { connector: connector.name, dryRun, rangeStart: plan.range?.start ?? null, rangeEnd: plan.range?.end ?? null },
      client,
    );
  } catch (error) {
    await lease.release();
    throw error;
  }
  settings.onProgress?.({
    type: "start",
    connector: connector.name,
    runId,
    range: plan.range,
    totalUnits: plan.totalUnits,
    dryRun,
  });
  const finished = execute({ connector, plan, runId, lease, client, dryRun, settings }).finally(() =>
    lease.release().catch(() => {
      // The lease then simply expires.
    }),
  );
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
};

async function execute(run: Execution): Promise<RunResult> {
  const { connector, plan, runId, client, settings } = run;
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
  const pull = () => {
    const pulled = withRetry(() => plan.pullNext(signal), {
      policy: settings.retry,
      signal,
      onRetry: (info) => settings.onProgress?.({ type: "retry", ...info }),
    });
    pulled.catch(() => {
      // Observed where it is awaited; this only keeps a prefetch abandoned by a failed commit from going unhandled.
    });
    return pulled;
  };
  let session: SqlSession | undefined;
  try {
    session = await openSqlSession(databaseUrlOf(client));
    let next = pull();
    for (let done = 1; ; done++) {
      const unit = await next;
      if (unit === null) break;
      signal.throwIfAborted();
      // Fetch the next unit while this one is written: the peer and the database work at the same time.
      next = pull();
      const unitProblems = addProblems(problems, unit.problems);
      const saved = await commitUnit(run, session, unit, unitProblems, (unitCounts) => {
        const total = { ...counts };
        for (const [key, value] of Object.entries(unitCounts)) total[key] = (total[key] ?? 0) + value;
        total[connector.unit.many] = (total[connector.unit.many] ?? 0) + 1;
        total.fetched = (total.fetched ?? 0) + unit.fetched;
        return total;
      });
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
    await finishConnectorRun(runId, { status: "succeeded", counts, error: runErrorText(null, problems) }, client);
    if (!run.dryRun && settings.refreshStatistics !== false) {
      await refreshStatisticsAfterImport(databaseUrlOf(client), writtenRecords(counts));
    }
    return result("succeeded", null);
  } catch (thrown) {
    const aborted = stops.some((s) => s !== ended.signal && s.aborted);
    const error = aborted && !(thrown instanceof ConnectorError) ? abortReason(signal) : thrown;
    if (!(error instanceof ConnectorError || error instanceof RetryableError)) {
      console.error(`connector ${connector.name}: run ${runId} failed unexpectedly:`, error);
    }
    const message = describeError(error);
    await finishConnectorRun(runId, { status: "failed", counts, error: runErrorText(message, problems) }, client).catch(() => {
      // The database itself failed; the next lease holder marks this run as abandoned.
    });
    return result("failed", message);
  } finally {
    ended.abort();
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
  session: SqlSession,
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
    const fence = { name: connector.name, owner: lease.owner, seconds: lease.seconds, now: new Date(), cursor };
    if (!(await renewLease(tx, fence))) {
      throw new ConnectorError("lease_lost", `lost the ${connector.name} run lease (it expired and another run took it)`);
    }
    const counts = await unit.save({ tx, dryRun: false });
    const total = addUp(counts);
    await updateConnectorRunCounts(runId, total, tx, errorText);
    return { unit: counts, total };
  });
}
