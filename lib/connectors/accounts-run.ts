// Runs of a connector that syncs several accounts (retailCRM): one framework run per
// account, each under its own lease and recorded on its own, a few at a time, so that one
// slow or failing account never holds up or stops another. An account another instance is
// syncing right now is skipped (its lease is busy), not waited for.
import "server-only";
import type { Connector, ConnectorAccount, Counts, ProgressEvent } from "@/lib/connectors/types";
import { LeaseBusyError, describeError } from "@/lib/connectors/errors";
import { type RunResult, type RunSettings, runConnector } from "@/lib/connectors/run";

/** How many accounts sync at the same time in one process. */
export const accountsAtOnce = 4;

export type AccountOutcome = {
  account: ConnectorAccount;
  /** the run, or why it did not start (another run holds the account's lease, the database away) */
  run: RunResult | { status: "skipped" | "not_started"; reason: string };
};

export type AccountsResult = {
  outcomes: AccountOutcome[];
  /** the counts of every account's run added up, with `accounts` synced */
  counts: Counts;
  status: "succeeded" | "failed";
};

export async function runAccounts(
  connectors: readonly Connector[],
  settings: Omit<RunSettings, "onProgress"> & {
    onProgress?: (account: ConnectorAccount, event: ProgressEvent) => void;
  } = {},
): Promise<AccountsResult> {
  const outcomes: AccountOutcome[] = [];
  const queue = [...connectors];
  const worker = async () => {
    for (let connector = queue.shift(); connector; connector = queue.shift()) {
      const account = connector.account ?? { id: connector.name, name: connector.name };
      const onProgress = settings.onProgress;
      try {
        const run = await runConnector(connector, {
          ...settings,
          onProgress: onProgress && ((event) => onProgress(account, event)),
        });
        outcomes.push({ account, run });
      } catch (error) {
        outcomes.push({
          account,
          run:
            error instanceof LeaseBusyError
              ? { status: "skipped", reason: "another run is syncing it now" }
              : { status: "not_started", reason: describeError(error) },
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(accountsAtOnce, connectors.length) }, worker));
  const order = new Map(connectors.map((c, i) => [c.account?.id, i]));
  outcomes.sort((a, b) => (order.get(a.account.id) ?? 0) - (order.get(b.account.id) ?? 0));
  const counts: Counts = { accounts: 0 };
  for (const { run } of outcomes) {
    if ("reason" in run) continue;
    counts.accounts = (counts.accounts ?? 0) + 1;
    for (const [key, value] of Object.entries(run.counts)) counts[key] = (counts[key] ?? 0) + value;
  }
  const failed = outcomes.some(({ run }) => run.status === "failed" || run.status === "not_started");
  return { outcomes, counts, status: failed ? "failed" : "succeeded" };
}
