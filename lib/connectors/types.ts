// The connector abstraction. A connector knows its peer: how to plan a run from its
// cursor, how to pull the next unit of work (a time window, a page) and how to save it.
// The framework (run.ts) owns everything else: the lease, retries, one transaction per
// unit that commits the data and the cursor together, run records and progress.
import type { SqlTx } from "@/lib/db/driver";
import type { Counts } from "@/lib/db/connector-runs";

/** Counts of a run or a unit: fetched, created, updated, skipped, invalid… */
export type { Counts };

export type PlanInput = {
  /** the stored cursor (null before the first run) */
  cursor: string | null;
  /** backfill bounds, epoch seconds, from --since / --until */
  since?: number;
  until?: number;
  now: Date;
};

/**
 * One account of a connector that syncs several (retailCRM: one per connected account). Each
 * account has its own lease and cursor, and its runs are recorded with its id as their scope.
 */
export type ConnectorAccount = { id: string; /** how people name it (retailCRM: its system URL) */ name: string };

export interface Connector {
  readonly name: string;
  /** set when this connector syncs one account of several */
  readonly account?: ConnectorAccount;
  /** what one unit of work is called; `many` is also its key in the counts */
  readonly unit: { one: string; many: string };
  /** the counts a summary shows, in order, with their labels */
  readonly summary: readonly (readonly [key: string, label: string])[];
  /** whether --since / --until apply (a time-ranged peer); a connector without them refuses them */
  readonly backfill: boolean;
  plan(input: PlanInput): RunPlan;
}

export interface RunPlan {
  /** what the run covers, as shown in its record (e.g. ISO date-times) */
  range: { start: string; end: string } | null;
  /** false for a backfill: the stored cursor stays where it was */
  advancesCursor: boolean;
  /** how many units the run will have, when known in advance (progress bar) */
  totalUnits?: number;
  /**
   * Fetches the next unit of work, or null when the run is complete. It only reads from
   * the peer, never writes. The framework retries it on RetryableError, so a call after
   * a failed one must fetch the same unit again.
   */
  pullNext(signal: AbortSignal): Promise<PulledUnit | null>;
}

export interface PulledUnit {
  /** for progress lines, e.g. the window's dates */
  label: string;
  /** records received from the peer */
  fetched: number;
  /** the cursor to store once this unit is committed */
  cursor: string;
  /**
   * Records of this unit that could not be imported (e.g. "<id>: <why>"). The run goes on;
   * the framework lists them in the run's record, committed with the unit.
   */
  problems?: readonly string[];
  /**
   * Saves the unit within the framework's transaction; on a dry run only counts what it would do.
   * It may be called again after an attempt failed with the database briefly away (that
   * transaction was rolled back), so it keeps no state of its own between calls.
   */
  save(context: SaveContext): Promise<Counts>;
}

export type SaveContext = {
  /** the unit's transaction, on the run's own connection (lib/db/driver: a session); tx.engine tells the engine */
  tx: SqlTx;
  /** true: write nothing (the framework also rolls the transaction back) */
  dryRun: boolean;
};

export type ProgressEvent =
  | { type: "start"; connector: string; runId: string; range: RunPlan["range"]; totalUnits?: number; dryRun: boolean }
  | { type: "unit"; label: string; done: number; totalUnits?: number; unit: Counts; counts: Counts }
  | { type: "retry"; attempt: number; delayMs: number; reason: string }
  | { type: "waiting"; holder: string | null };

/** Where a connector (or one account of it) keeps its cursor and lease: its name, or `<name>:<account id>`. */
export function stateKey(connector: Pick<Connector, "name" | "account">): string {
  return connector.account ? `${connector.name}:${connector.account.id}` : connector.name;
}

/** Which accounts a run of a connector with several covers (retailCRM). */
export type AccountSelection = {
  /** only this account, by the name people know it by (retailCRM: its system URL) */
  account?: string;
  /** repeat the full pass */
  full?: boolean;
  /** only the accounts due a sync now (the server's polling) */
  due?: { pollSeconds: number; now: Date };
};
