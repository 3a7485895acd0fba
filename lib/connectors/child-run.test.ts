// Runs the server starts ("Run now", polling) execute in a process of their own: the
// request gets the run's id at once, a second "Run now" is refused while the run lives,
// the run's own log lines come from another process, and a run process that dies is
// closed and its lease freed by the server at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HousingFake, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { loadEnv } from "@/lib/env";
import { findConnectorState } from "@/lib/db/connector-state";
import { findConnectorRun } from "@/lib/db/connector-runs";
import { type ChildRun, launchConnectorRun } from "./child-run";
import { runConnectorNow } from "./run-now";
import type { RunLauncher } from "./run";
import { getPriority } from "node:os";

const database = useOwnDatabase();
const clientId = "4547";
const apiKey = "housing-child-run-test-key";
const hour = 3600;
const start = Math.floor(Date.now() / 1000 / hour) * hour - 4 * hour;
const lastLead = Math.floor(Date.now() / 1000) - 60;
const leads = 60;

let fake: HousingFake;
beforeEach(async () => {
  await clearConnectorData(database.client);
  fake = await startHousingFake({
    clients: { [clientId]: apiKey },
    generated: { count: leads, from: start, to: lastLead, projectId: 12, phoneBase: 91_000 },
  });
});
afterEach(() => fake.close());

const runEnv = () => ({
  HOUSING_API_URL: fake.url,
  HOUSING_CLIENT_ID: clientId,
  HOUSING_API_KEY: apiKey,
  HOUSING_START_DATE: String(start),
  HOUSING_WINDOW_SECONDS: String(hour),
  LOG_LEVEL: "info",
});

/** The server's launcher, pointed at this file's database and fake; keeps what it launched. */
function childLauncher(launched: ChildRun[], client = database.client): RunLauncher {
  return async (connector) => {
    const run = await launchConnectorRun(connector.name, { client, env: runEnv(), output: "pipe" });
    launched.push(run);
    return run;
  };
}

function collect(stream: NodeJS.ReadableStream | null): Promise<string> {
  let text = "";
  stream?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => (stream ? stream.once("end", () => resolve(text)) : resolve("")));
}

type LogLine = { event?: string; runId?: string; pid: number; status?: string; counts?: Record<string, number> };

describe("runs the server starts", () => {
  it(
    "run in another process: Run now answers with the run's id at once, and refuses a second run meanwhile",
    { timeout: 60_000 },
    async () => {
      const config = loadEnv(runEnv());
      const launched: ChildRun[] = [];
      const held = fake.hold(start + 2 * hour, 1);
      const started = await runConnectorNow("housing", { config, launch: childLauncher(launched) });
      if (!started.started) throw new Error(started.reason);
      // Answered before the run did anything but exist.
      expect(await findConnectorRun(started.runId, database.client)).toMatchObject({ status: "running" });
      const [child] = launched;
      expect(child!.runId).toBe(started.runId);
      expect(child!.pid).toBeGreaterThan(0);
      expect(child!.pid).not.toBe(process.pid);
      const output = collect(child!.stdout);

      await held.arrived;
      // The run yields the processor to the server (nice 10, or this process's own if higher).
      expect(getPriority(child!.pid)).toBe(Math.max(10, getPriority()));
      const refused = await runConnectorNow("housing", { config, launch: childLauncher(launched, database.connect()) });
      expect(refused).toEqual({
        started: false,
        reason: expect.stringMatching(/^another housing run is in progress \(held by .+:\d+:[0-9a-f]{8}/),
      });
      expect(launched).toHaveLength(1);
      held.release();

      expect(await child!.finished).toEqual({ runId: started.runId, status: "succeeded", error: null });
      expect(await findConnectorRun(started.runId, database.client)).toMatchObject({
        status: "succeeded",
        counts: { created: leads },
      });
      expect(await database.client.lead.count()).toBe(leads);
      expect((await findConnectorState("housing", database.client))?.leaseOwner).toBeNull();

      // The run's own log lines, one JSON object each, written by the child's process.
      const lines = (await output)
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as LogLine);
      const ofRun = lines.filter((line) => line.runId === started.runId);
      expect(ofRun.map((line) => line.event)).toEqual(["run.started", "run.finished"]);
      expect(ofRun.every((line) => line.pid === child!.pid)).toBe(true);
      expect(ofRun[1]).toMatchObject({ status: "succeeded", counts: { created: leads } });
    },
  );

  it(
    "close the run as failed and free its lease at once when the run's process dies",
    { timeout: 60_000 },
    async () => {
      const held = fake.hold(start + 2 * hour, 1);
      const child = await launchConnectorRun("housing", { client: database.client, env: runEnv(), output: "pipe" });
      void collect(child.stdout);
      await held.arrived;
      process.kill(child.pid!, "SIGKILL");
      const outcome = await child.finished;
      held.release();
      expect(outcome).toMatchObject({
        status: "failed",
        error: expect.stringMatching(/^interrupted: the run's process was killed \(SIGKILL\)/),
      });
      expect((await findConnectorState("housing", database.client))?.leaseOwner).toBeNull();

      const next = await launchConnectorRun("housing", { client: database.client, env: runEnv(), output: "pipe" });
      void collect(next.stdout);
      expect(await next.finished).toMatchObject({ status: "succeeded" });
      expect(await database.client.lead.count()).toBe(leads);
    },
  );
});
