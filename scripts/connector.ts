// npm run connector -- <name> [--since <date>] [--until <date>] [--dry-run] [--wait <seconds>]
// (crmcom: npm run connector -- crmcom [--dry-run] [--wait <seconds>];
//  retailcrm: npm run connector -- retailcrm [--account <systemUrl>] [--full] [--dry-run])
// One connector run from the command line. Exit codes: 0 success, 1 the run failed (or
// the connector is disabled), 2 bad arguments, 3 another run is in progress.
// The server runs its own runs through this entry too, in a child process
// (lib/connectors/child-run.ts, --run-id/--lease-owner): then it prints log lines only.
// It runs as `node --import tsx`, not under the `tsx` command: that wrapper relays SIGTERM
// and SIGKILLs its child when the child does not confirm within 30 ms (a busy machine),
// which would leave the run record open.
import "./load-env";
import { checkConfigOrExit } from "@/lib/startup";
import { env, logSettings } from "@/lib/env";
import { db } from "@/lib/db/client";
import { createLogger, logger, setLogger } from "@/lib/log";
import { ConnectorError, LeaseBusyError, describeError } from "@/lib/connectors/errors";
import { runConnector } from "@/lib/connectors/run";
import { runAccounts } from "@/lib/connectors/accounts-run";
import { connectorNames, disabledMessage, findConnectorEntry } from "@/lib/connectors/registry";
import {
  accountsProgressReporter,
  checkAccountArgs,
  checkBackfillArgs,
  formatAccountsSummary,
  formatSummary,
  parseConnectorArgs,
  progressReporter,
  usage,
} from "@/lib/connectors/cli";

const parsed = parseConnectorArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.message}\n${usage}`);
  process.exit(2);
}
const { args } = parsed;
const forServer = args.handover !== undefined;
// On the command line the progress lines and the summary say what happens: log lines
// only when asked for (LOG_LEVEL, or DEBUG=1 for errors with their stack traces), on stderr.
if (!forServer) {
  const settings = logSettings();
  setLogger(createLogger({ fd: 2, pretty: true, level: settings.level ?? (settings.debug ? "debug" : "silent") }));
}
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
// Narrowed above; named again for the functions below.
const known = entry;
const described = connector.config;
const refused = checkBackfillArgs(connector.config, args) ?? checkAccountArgs(args.name, !!entry.accounts, args);
if (refused) {
  console.error(refused);
  process.exit(2);
}

// Ctrl-C / SIGTERM: stop after the unit in flight is rolled back; the run is recorded as
// interrupted and its lease freed. A repeat changes nothing (SIGKILL still ends it at once).
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!stop.signal.aborted) stop.abort(new ConnectorError("interrupted", `stopped by ${signal}`));
  });
}
// A run of the server's ends with the server (its IPC channel closes however the server stops).
if (forServer) {
  const serverStopped = () => stop.abort(new ConnectorError("interrupted", "the server stopped"));
  if (process.connected) process.once("disconnect", serverStopped);
  else serverStopped();
}

/** Every account of a connector with several (or the one named), each its own run; the summary adds them up. */
async function runEveryAccount(accounts: NonNullable<typeof known.accounts>): Promise<number> {
  const connectors = await accounts(env(), { account: args.account, full: args.full });
  const result = await runAccounts(connectors, {
    dryRun: args.dryRun,
    waitSeconds: args.waitSeconds,
    signal: stop.signal,
    onProgress: accountsProgressReporter(described, process.stdout),
  });
  console.log(formatAccountsSummary(described, result, args.dryRun));
  return result.status === "failed" ? 1 : 0;
}

/** One run: the connector's, or (the server's handover) one account's. */
async function runOne(): Promise<number> {
  const one = known.accounts ? (await known.accounts(env(), { account: args.account, full: args.full }))[0] : described;
  if (!one) throw new Error("name the account to sync with --account");
  const result = await runConnector(one, {
    since: args.since,
    until: args.until,
    dryRun: args.dryRun,
    waitSeconds: args.waitSeconds,
    handover: args.handover,
    signal: stop.signal,
    onProgress: forServer ? undefined : progressReporter(one, process.stdout),
  });
  if (!forServer) console.log(formatSummary(one, result));
  if (result.status === "succeeded") return 0;
  if (!forServer) console.error(`error: ${result.error}`);
  return 1;
}

let exitCode = 0;
try {
  exitCode = known.accounts && !forServer ? await runEveryAccount(known.accounts) : await runOne();
} catch (error) {
  // The run did not start: its lease is busy (logged as refused), or the database stayed out of reach.
  if (!(error instanceof LeaseBusyError)) {
    logger().error({ event: "run.not_started", connector: args.name, err: error }, `${args.name} run did not start`);
  }
  if (!forServer) console.error(`error: ${describeError(error)}`);
  exitCode = error instanceof LeaseBusyError ? 3 : 1;
} finally {
  await db().$disconnect();
}
process.exit(exitCode);
