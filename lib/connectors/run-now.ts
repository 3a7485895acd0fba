// "Run now" for the admin Sync page: starts a run in the background unless one is
// already running, and says which it did. The run executes in a process of its own
// (lib/connectors/child-run.ts), so the request answers as soon as the run is recorded.
import "server-only";
import { type Env, env } from "@/lib/env";
import { LeaseBusyError, describeError } from "@/lib/connectors/errors";
import type { RunLauncher } from "@/lib/connectors/run";
import type { Connector } from "@/lib/connectors/types";
import { inChildProcess } from "@/lib/connectors/child-run";
import { disabledMessage, findConnectorEntry } from "@/lib/connectors/registry";
import { logger } from "@/lib/log";

export type RunNowResult = { started: true; runId: string } | { started: false; reason: string };

export async function runConnectorNow(
  name: string,
  options: { config?: Env; launch?: RunLauncher } = {},
): Promise<RunNowResult> {
  const entry = findConnectorEntry(name);
  if (!entry) return { started: false, reason: `there is no connector named ${name}` };
  const config = options.config ?? env();
  const connector = entry.create(config);
  if (!connector.enabled) return { started: false, reason: disabledMessage(name, connector.missing) };
  const launch = options.launch ?? inChildProcess;
  try {
    if (entry.accounts) return await startEveryAccount(await entry.accounts(config, {}), launch);
    const { runId, finished } = await launch(connector.config);
    // The run logs its own outcome; this only keeps the promise from going unobserved.
    void finished.catch(() => {});
    return { started: true, runId };
  } catch (error) {
    if (error instanceof LeaseBusyError) return { started: false, reason: error.message };
    // The database stayed out of reach, or runs cannot be started here: say so on the page.
    logger().error({ event: "run.not_started", connector: name, err: error }, `${name} run did not start`);
    return { started: false, reason: `the run could not start: ${describeError(error)}` };
  }
}

/** A run for each account whose lease is free; started when at least one started. */
async function startEveryAccount(accounts: Connector[], launch: RunLauncher): Promise<RunNowResult> {
  if (accounts.length === 0) return { started: false, reason: "no account is connected (active and not frozen)" };
  let first: string | undefined;
  let busy: string | undefined;
  for (const account of accounts) {
    try {
      const { runId, finished } = await launch(account);
      void finished.catch(() => {});
      first ??= runId;
    } catch (error) {
      if (!(error instanceof LeaseBusyError)) throw error;
      busy = error.message;
    }
  }
  return first !== undefined ? { started: true, runId: first } : { started: false, reason: busy ?? "nothing started" };
}
