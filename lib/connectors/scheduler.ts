// Polling on the server process: each connector whose *_POLL_SECONDS is set runs on
// that interval (the next run is scheduled when the previous one ends, so runs of one
// process never overlap; the lease keeps instances from overlapping). Nothing runs when
// no interval is set. Started once from instrumentation.ts.
import { type Env, env } from "@/lib/env";
import type { Connector } from "@/lib/connectors/types";
import { LeaseBusyError, describeError } from "@/lib/connectors/errors";
import { type RunSettings, runConnector } from "@/lib/connectors/run";
import { connectorEntries, disabledMessage } from "@/lib/connectors/registry";

/** The first run waits this long after start-up (or one interval, if shorter). */
const firstDelayMs = 10_000;

/** stop() cancels the next run and resolves once the run in flight, if any, has ended. */
export type Schedule = { stop(): Promise<void> };

/** Starts polling for every enabled connector with an interval; returns how to stop it. */
export function startConnectorSchedules(config: Env = env()): Schedule {
  const schedules: Schedule[] = [];
  for (const entry of connectorEntries) {
    const seconds = entry.pollSeconds(config);
    if (seconds === undefined) continue;
    const connector = entry.create(config);
    if (!connector.enabled) {
      console.warn(`[connector] ${disabledMessage(entry.name, connector.missing)}; not polling`);
      continue;
    }
    console.log(`[connector] ${entry.name}: polling every ${seconds} s`);
    schedules.push(scheduleConnector(connector.config, { intervalMs: seconds * 1000 }));
  }
  return { stop: async () => void (await Promise.all(schedules.map((s) => s.stop()))) };
}

export function scheduleConnector(
  connector: Connector,
  options: { intervalMs: number; firstDelayMs?: number; settings?: RunSettings },
): Schedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => (inFlight = tick()), ms);
    timer.unref();
  };
  const tick = async () => {
    try {
      const result = await runConnector(connector, { waitSeconds: 0, ...options.settings });
      if (result.status === "failed") console.error(`[connector] ${connector.name} run ${result.runId} failed: ${result.error}`);
    } catch (error) {
      if (error instanceof LeaseBusyError) console.log(`[connector] ${connector.name}: skipped, ${error.message}`);
      else console.error(`[connector] ${connector.name}: could not start a run: ${describeError(error)}`);
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
