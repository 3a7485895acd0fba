// Polling on the server process: each connector whose *_POLL_SECONDS is set runs on
// that interval (the next run is scheduled when the previous one ends, so runs of one
// process never overlap; the lease keeps instances from overlapping). Nothing runs when
// no interval is set. Started once from instrumentation.ts; each run executes in a
// process of its own (lib/connectors/child-run.ts), off the server's event loop.
import "server-only";
import { type Env, env } from "@/lib/env";
import { type Connector, stateKey } from "@/lib/connectors/types";
import { LeaseBusyError } from "@/lib/connectors/errors";
import type { RunLauncher } from "@/lib/connectors/run";
import { inChildProcess } from "@/lib/connectors/child-run";
import { accountCheckSeconds, connectorEntries, disabledMessage } from "@/lib/connectors/registry";
import { logger } from "@/lib/log";

/** The first run waits this long after start-up (or one interval, if shorter). */
const firstDelayMs = 10_000;

/** stop() cancels the next run and resolves once the run in flight, if any, has ended. */
export type Schedule = { stop(): Promise<void> };

/** Starts polling for every enabled connector with an interval; returns how to stop it. */
export function startConnectorSchedules(config: Env = env(), launch: RunLauncher = inChildProcess): Schedule {
  const log = logger();
  const schedules: Schedule[] = [];
  for (const entry of connectorEntries) {
    const seconds = entry.pollSeconds(config);
    if (seconds === undefined) continue;
    const connector = entry.create(config);
    if (!connector.enabled) {
      log.warn(
        { event: "schedule.disabled", connector: entry.name },
        `${disabledMessage(entry.name, connector.missing)}; not polling`,
      );
      continue;
    }
    const accounts = entry.accounts;
    log.info(
      { event: "schedule.started", connector: entry.name, intervalSeconds: seconds },
      accounts
        ? `${entry.name}: syncing each account every ${seconds} s, and new ones within a minute`
        : `${entry.name}: polling every ${seconds} s`,
    );
    schedules.push(
      accounts
        ? scheduleAccounts(entry.name, (now) => accounts(config, { due: { pollSeconds: seconds, now } }), {
            intervalMs: Math.min(seconds, accountCheckSeconds) * 1000,
            launch,
          })
        : scheduleConnector(connector.config, { intervalMs: seconds * 1000, launch }),
    );
  }
  return { stop: async () => void (await Promise.all(schedules.map((s) => s.stop()))) };
}

export function scheduleConnector(
  connector: Connector,
  options: { intervalMs: number; firstDelayMs?: number; launch?: RunLauncher },
): Schedule {
  const launch = options.launch ?? inChildProcess;
  return scheduleTicks(connector.name, async () => void (await (await launch(connector)).finished), options);
}

/**
 * Every interval, a run for each account due a sync (`due`) that is not syncing already. The
 * look does not wait for the runs it started: a new account's first sync never waits for
 * another account's long one. An account another instance is syncing is left to it.
 */
export function scheduleAccounts(
  name: string,
  due: (now: Date) => Promise<Connector[]>,
  options: { intervalMs: number; firstDelayMs?: number; launch?: RunLauncher },
): Schedule {
  const launch = options.launch ?? inChildProcess;
  const running = new Map<string, Promise<void>>();
  const start = (connector: Connector) => {
    const key = stateKey(connector);
    const run = (async () => {
      try {
        // The run logs its own start, retries and outcome.
        await (
          await launch(connector)
        ).finished;
      } catch (error) {
        logNotStarted(key, error);
      } finally {
        running.delete(key);
      }
    })();
    running.set(key, run);
  };
  const looks = scheduleTicks(
    name,
    async () => {
      for (const connector of await due(new Date())) if (!running.has(stateKey(connector))) start(connector);
    },
    options,
  );
  return {
    stop: async () => {
      await looks.stop();
      await Promise.all(running.values());
    },
  };
}

/** Calls `tick` after the first delay, then `intervalMs` after each tick has ended, until stopped. */
function scheduleTicks(
  name: string,
  work: () => Promise<void>,
  options: { intervalMs: number; firstDelayMs?: number },
): Schedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick();
    }, ms);
    timer.unref();
  };
  const tick = async () => {
    try {
      // The run logs its own start, retries and outcome.
      await work();
    } catch (error) {
      logNotStarted(name, error);
    } finally {
      next(options.intervalMs);
    }
  };
  next(Math.min(options.firstDelayMs ?? firstDelayMs, options.intervalMs));
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

function logNotStarted(name: string, error: unknown): void {
  // A busy lease is logged as a refusal where it is found.
  if (error instanceof LeaseBusyError) return;
  logger().error({ event: "run.not_started", connector: name, err: error }, `${name}: could not start a run`);
}
