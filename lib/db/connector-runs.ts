// Run records: one per connector run, with its range, counts, status and error, so
// staff can see what each run did (the admin Sync page lists them).
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type SqlTx, writerOf } from "@/lib/db/driver";

export type RunStatus = "running" | "succeeded" | "failed";
export type Counts = Record<string, number>;

const countsSchema = z.record(z.string(), z.number());

export function parseCounts(text: string): Counts {
  try {
    const parsed = countsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function createConnectorRun(
  input: {
    id?: string;
    connector: string;
    scope?: string | null;
    dryRun: boolean;
    rangeStart: string | null;
    rangeEnd: string | null;
  },
  client: Db = db(),
): Promise<string> {
  const run = await client.connectorRun.create({ data: { ...input, status: "running" }, select: { id: true } });
  return run.id;
}

/** Sets the range of a run recorded before it was planned (a run the server handed to a process of its own). */
export async function setConnectorRunRange(
  id: string,
  range: { start: string; end: string } | null,
  client: Db = db(),
): Promise<void> {
  await client.connectorRun.update({
    where: { id },
    data: { rangeStart: range?.start ?? null, rangeEnd: range?.end ?? null },
  });
}

/**
 * Closes a run as failed when it is still marked running, keeping its counts and putting
 * `reason` before the records it listed: for a run whose process ended without closing it.
 * False when the run was already closed.
 */
export async function failRunningConnectorRun(id: string, reason: string, client: Db = db()): Promise<boolean> {
  const run = await client.connectorRun.findUnique({ where: { id }, select: { status: true, error: true } });
  if (run?.status !== "running") return false;
  const error = run.error ? `${reason}\n${run.error}` : reason;
  const { count } = await client.connectorRun.updateMany({
    where: { id, status: "running" },
    data: { status: "failed", error, finishedAt: new Date() },
  });
  return count === 1;
}

/**
 * Inside a unit's transaction too, so that the counts always match what is committed.
 * `error`, when given, replaces the record's error text (the records not imported so far).
 */
export async function updateConnectorRunCounts(
  id: string,
  counts: Counts,
  client: Db | SqlTx = db(),
  error?: string | null,
): Promise<void> {
  const setError = error === undefined ? "" : `, "error" = $3`;
  await writerOf(client).execute(`UPDATE "ConnectorRun" SET "counts" = $1${setError} WHERE "id" = $2`, [
    JSON.stringify(counts),
    id,
    ...(error === undefined ? [] : [error]),
  ]);
}

export async function finishConnectorRun(
  id: string,
  result: { status: Exclude<RunStatus, "running">; counts: Counts; error: string | null },
  client: Db = db(),
): Promise<void> {
  await client.connectorRun.update({
    where: { id },
    data: { status: result.status, counts: JSON.stringify(result.counts), error: result.error, finishedAt: new Date() },
  });
}

export const abandonedRunMessage = "the run stopped without finishing (its process ended or it lost the run lease)";

/**
 * Marks every other "running" run of the connector as failed. Called by the new lease
 * holder: every run holds the lease while it runs, so any other run still marked
 * running has died.
 */
export async function failAbandonedRuns(connector: string, scope: string | null, client: Db = db()): Promise<number> {
  // The reason goes first; the records the run could not import, if it listed any, stay after it.
  return writerOf(client).execute(
    `UPDATE "ConnectorRun" SET "status" = 'failed', "finishedAt" = $1,
       "error" = CAST($2 AS TEXT) || COALESCE(CAST($3 AS TEXT) || "error", '')
     WHERE "connector" = $4 AND COALESCE("scope", '') = $5 AND "status" = 'running'`,
    [new Date(), abandonedRunMessage, "\n", connector, scope ?? ""],
  );
}

const runSelect = {
  id: true,
  connector: true,
  scope: true,
  status: true,
  dryRun: true,
  startedAt: true,
  finishedAt: true,
  rangeStart: true,
  rangeEnd: true,
  counts: true,
  error: true,
} as const;

export type ConnectorRunView = {
  id: string;
  connector: string;
  /** the account of a connector with several (a retailCRM connection's id) */
  scope: string | null;
  status: RunStatus;
  dryRun: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  rangeStart: string | null;
  rangeEnd: string | null;
  counts: Counts;
  error: string | null;
};

function toView(
  row: { status: string; counts: string } & Omit<ConnectorRunView, "status" | "counts">,
): ConnectorRunView {
  const status: RunStatus = row.status === "succeeded" || row.status === "failed" ? row.status : "running";
  return { ...row, status, counts: parseCounts(row.counts) };
}

/** The latest runs, newest first, of one connector or of all. */
export async function listRecentConnectorRuns(
  options: { connector?: string; scope?: string; limit?: number } = {},
  client: Db = db(),
): Promise<ConnectorRunView[]> {
  const rows = await client.connectorRun.findMany({
    where: {
      ...(options.connector && { connector: options.connector }),
      ...(options.scope && { scope: options.scope }),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 20, 1), 200),
    select: runSelect,
  });
  return rows.map(toView);
}

export async function findConnectorRun(id: string, client: Db = db()): Promise<ConnectorRunView | null> {
  const row = await client.connectorRun.findUnique({ where: { id }, select: runSelect });
  return row ? toView(row) : null;
}

/** When each account's latest run (dry runs aside) started, by scope; accounts never run are absent. */
export async function latestRunStarts(
  connector: string,
  scopes: string[],
  client: Db = db(),
): Promise<Map<string, Date>> {
  if (scopes.length === 0) return new Map();
  const rows = await client.connectorRun.groupBy({
    by: ["scope"],
    where: { connector, dryRun: false, scope: { in: scopes } },
    _max: { startedAt: true },
  });
  return new Map(rows.flatMap((row) => (row.scope && row._max.startedAt ? [[row.scope, row._max.startedAt]] : [])));
}

/** An account's latest run, dry runs aside (the retailCRM account page's "last sync"). */
export async function findLatestScopedRun(
  connector: string,
  scope: string,
  client: Db = db(),
): Promise<ConnectorRunView | null> {
  const row = await client.connectorRun.findFirst({
    where: { connector, scope, dryRun: false },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: runSelect,
  });
  return row ? toView(row) : null;
}
