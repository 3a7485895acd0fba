// npm run connector -- <name> [--since <date>] [--until <date>] [--dry-run] [--wait <seconds>]
// (crmcom: npm run connector -- crmcom [--dry-run] [--wait <seconds>])
// One connector run from the command line. Exit codes: 0 success, 1 the run failed (or
// the connector is disabled), 2 bad arguments, 3 another run is in progress.
import "./load-env";
import { checkConfigOrExit } from "@/lib/startup";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { ConnectorError, LeaseBusyError, describeError } from "@/lib/connectors/errors";
import { runConnector } from "@/lib/connectors/run";
import { connectorNames, disabledMessage, findConnectorEntry } from "@/lib/connectors/registry";
import { checkBackfillArgs, formatSummary, parseConnectorArgs, progressReporter, usage } from "@/lib/connectors/cli";

const parsed = parseConnectorArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.message}\n${usage}`);
  process.exit(2);
}
const { args } = parsed;
const entry = findConnectorEntry(args.name);
if (!entry) {
  console.error(`there is no connector named "${args.name}" (connectors: ${connectorNames().join(", ")})`);
  process.exit(2);
}
checkConfigOrExit();
const connector = entry.create(env());
if (!connector.enabled) {
  console.error(disabledMessage(args.name, connector.missing));
  process.exit(1);
}
const refused = checkBackfillArgs(connector.config, args);
if (refused) {
  console.error(refused);
  process.exit(2);
}

// Ctrl-C / SIGTERM: stop after the unit in flight is rolled back; the run is recorded as interrupted.
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => stop.abort(new ConnectorError("interrupted", `stopped by ${signal}`)));
}

let exitCode = 0;
try {
  const result = await runConnector(connector.config, {
    since: args.since,
    until: args.until,
    dryRun: args.dryRun,
    waitSeconds: args.waitSeconds,
    signal: stop.signal,
    onProgress: progressReporter(connector.config, process.stdout),
  });
  console.log(formatSummary(connector.config, result));
  if (result.status === "failed") {
    console.error(`error: ${result.error}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`error: ${describeError(error)}`);
  exitCode = error instanceof LeaseBusyError ? 3 : 1;
} finally {
  await db().$disconnect();
}
process.exit(exitCode);
