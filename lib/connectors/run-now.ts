// "Run now" for the admin Sync page: starts a run in the background unless one is
// already running, and says which it did. The run executes in a process of its own
// (lib/connectors/child-run.ts), so the request answers as soon as the run is recorded.
import "server-only";
import { type Env, env } from "@/lib/env";
import { LeaseBusyError, describeError } from "@/lib/connectors/errors";
import type { RunLauncher } from "@/lib/connectors/run";
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
  const connector = entry.create(options.config ?? env());
  if (!connector.enabled) return { started: false, reason: disabledMessage(name, connector.missing) };
  try {
    const { runId, finished } = await (options.launch ?? inChildProcess)(connector.config);
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
