// "Run now" for the admin Sync page: starts a run in the background unless one is
// already running, and says which it did.
import { type Env, env } from "@/lib/env";
import { LeaseBusyError } from "@/lib/connectors/errors";
import { type RunSettings, startConnectorRun } from "@/lib/connectors/run";
import { disabledMessage, findConnectorEntry } from "@/lib/connectors/registry";

export type RunNowResult = { started: true; runId: string } | { started: false; reason: string };

export async function runConnectorNow(
  name: string,
  options: { config?: Env; settings?: RunSettings } = {},
): Promise<RunNowResult> {
  const entry = findConnectorEntry(name);
  if (!entry) return { started: false, reason: `there is no connector named ${name}` };
  const connector = entry.create(options.config ?? env());
  if (!connector.enabled) return { started: false, reason: disabledMessage(name, connector.missing) };
  try {
    const { runId, finished } = await startConnectorRun(connector.config, { waitSeconds: 0, ...options.settings });
    void finished.then((result) => {
      if (result.status === "failed") console.error(`[connector] ${name} run ${runId} failed: ${result.error}`);
    });
    return { started: true, runId };
  } catch (error) {
    if (error instanceof LeaseBusyError) return { started: false, reason: error.message };
    throw error;
  }
}
