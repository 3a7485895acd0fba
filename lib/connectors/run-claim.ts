// How a run gets going and how its record is closed: the lease, the plan from the stored
// cursor and the run's record, taken here (claimRun), or taken by the server and handed
// over to the run's own process (beginConnectorRun, then takeOverRun there). Every
// statement is retried while the database is briefly away (withDatabaseRetry).
import "server-only";
import { type Db, db } from "@/lib/db/client";
import { orderedId } from "@/lib/db/ids";
import { findConnectorState } from "@/lib/db/connector-state";
import {
  createConnectorRun,
  failAbandonedRuns,
  findConnectorRun,
  finishConnectorRun,
  setConnectorRunRange,
} from "@/lib/db/connector-runs";
import { type Connector, type Counts, type RunPlan, stateKey } from "@/lib/connectors/types";
import { LeaseBusyError, describeError } from "@/lib/connectors/errors";
import { type Lease, acquireLease, adoptLease } from "@/lib/connectors/lease";
import { type RetryInfo, withDatabaseRetry } from "@/lib/connectors/retry";
import type { RunSettings } from "@/lib/connectors/run";
import { type Logger, logger } from "@/lib/log";

/**
 * Records a run without planning it, under a lease taken here: what the server does
 * before it hands the run to a process of its own (startConnectorRun with `handover`
 * there). Throws LeaseBusyError like startConnectorRun.
 */
export async function beginConnectorRun(
  target: Pick<Connector, "name" | "account">,
  settings: RunSettings = {},
): Promise<{ runId: string; lease: Lease }> {
  return underNewLease(target, settings, async () => ({
    runId: await recordRun({ target, dryRun: settings.dryRun ?? false, range: null }, settings),
  }));
}

export type ClaimedRun = { runId: string; lease: Lease; plan: RunPlan };

/** The lease, the plan from the stored cursor, and the run's record. */
export async function claimRun(connector: Connector, settings: RunSettings): Promise<ClaimedRun> {
  return underNewLease(connector, settings, async () => {
    const plan = await planRun(connector, settings);
    const runId = await recordRun({ target: connector, dryRun: settings.dryRun ?? false, range: plan.range }, settings);
    return { runId, plan };
  });
}

/**
 * Takes the connector's lease, closes the runs its dead holders left open, then records
 * the run (`record`); the lease is freed again when anything after taking it fails.
 */
async function underNewLease<T>(
  target: Pick<Connector, "name" | "account">,
  settings: RunSettings,
  record: () => Promise<T>,
): Promise<T & { lease: Lease }> {
  const client = settings.client ?? db();
  const { name } = target;
  const lease = await takeLease(stateKey(target), settings);
  try {
    await withDatabaseRetry(
      () => failAbandonedRuns(name, target.account?.id ?? null, client),
      retryOptions(settings, name),
    );
    return { ...(await record()), lease };
  } catch (error) {
    await lease.release().catch(() => {
      // It expires on its own.
    });
    throw error;
  }
}

/** The run the server recorded and handed over: its lease, then the plan, shown in its record. */
export async function takeOverRun(
  connector: Connector,
  handover: NonNullable<RunSettings["handover"]>,
  settings: RunSettings,
): Promise<ClaimedRun> {
  const client = settings.client ?? db();
  const { runId, leaseOwner } = handover;
  let lease: Lease | undefined;
  try {
    lease = await adoptLease(stateKey(connector), leaseOwner, leaseOptions(settings, connector.name));
    const plan = await planRun(connector, settings);
    await withDatabaseRetry(
      () => setConnectorRunRange(runId, plan.range, client),
      retryOptions(settings, connector.name),
    );
    return { runId, lease, plan };
  } catch (error) {
    await closeRun(runId, { status: "failed", counts: null, error: describeError(error) }, client).catch(() => {
      // The server closes it when this process ends.
    });
    await lease?.release().catch(() => {
      // It expires on its own.
    });
    throw error;
  }
}

async function takeLease(name: string, settings: RunSettings): Promise<Lease> {
  try {
    return await acquireLease(name, {
      ...leaseOptions(settings, name),
      waitSeconds: settings.waitSeconds,
      onWait: (holder) => settings.onProgress?.({ type: "waiting", holder }),
    });
  } catch (error) {
    if (error instanceof LeaseBusyError)
      logger().info({ event: "run.refused", connector: name, reason: error.message }, `${name} run refused`);
    throw error;
  }
}

function leaseOptions(settings: RunSettings, name: string) {
  return {
    client: settings.client ?? db(),
    seconds: settings.leaseSeconds,
    signal: settings.signal,
    retry: settings.retry,
    onRetry: retryReporter(settings, name, "start"),
  };
}

function retryOptions(settings: RunSettings, name: string) {
  return { policy: settings.retry, signal: settings.signal, onRetry: retryReporter(settings, name, "start") };
}

/** Logs a retry (and shows it as progress): `step` is what was retried (start, fetch, commit, record). */
export function retryReporter(
  settings: RunSettings,
  name: string,
  step: string,
  log: Logger = logger().child({ connector: name }),
) {
  return (info: RetryInfo) => {
    log.warn(
      { event: "run.retry", step, ...info },
      `${name} ${step}: retry ${info.attempt} in ${info.delayMs} ms (${info.reason})`,
    );
    settings.onProgress?.({ type: "retry", ...info });
  };
}

async function planRun(connector: Connector, settings: RunSettings): Promise<RunPlan> {
  const client = settings.client ?? db();
  const now = settings.now ?? (() => new Date());
  const state = await withDatabaseRetry(
    () => findConnectorState(stateKey(connector), client),
    retryOptions(settings, connector.name),
  );
  return connector.plan({ cursor: state?.cursor ?? null, since: settings.since, until: settings.until, now: now() });
}

/**
 * Creates the run's record. Its id is chosen here, so an attempt whose answer was lost
 * with the connection is recognised on the next one instead of leaving a second record.
 */
async function recordRun(
  input: { target: Pick<Connector, "name" | "account">; dryRun: boolean; range: RunPlan["range"] },
  settings: RunSettings,
): Promise<string> {
  const client = settings.client ?? db();
  const id = orderedId();
  const data = {
    id,
    connector: input.target.name,
    scope: input.target.account?.id ?? null,
    dryRun: input.dryRun,
    rangeStart: input.range?.start ?? null,
    rangeEnd: input.range?.end ?? null,
  };
  await withDatabaseRetry(
    async () => {
      try {
        await createConnectorRun(data, client);
      } catch (error) {
        if (!(await findConnectorRun(id, client))) throw error;
      }
    },
    retryOptions(settings, input.target.name),
  );
  return id;
}

/**
 * Closes the run's record, retried while the database is briefly away; never stopped by
 * the run's own signal (an interrupted run must still be closed). `counts: null` keeps
 * the counts the units committed.
 */
export async function closeRun(
  runId: string,
  outcome: { status: "succeeded" | "failed"; counts: Counts | null; error: string | null },
  client: Db,
  onRetry?: (info: RetryInfo) => void,
): Promise<void> {
  await withDatabaseRetry(
    async () => {
      const counts = outcome.counts ?? (await findConnectorRun(runId, client))?.counts ?? {};
      await finishConnectorRun(runId, { status: outcome.status, counts, error: outcome.error }, client);
    },
    { onRetry },
  );
}
