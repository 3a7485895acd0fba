// `npm run connector` as a real child process, stopped the ways a process is stopped: by
// SIGTERM (a service manager, Ctrl-C), or — for a run the server handed over — by the
// server going away (its IPC channel closes). Each time the run's record is closed as
// failed (interrupted) and its lease is free at once: the next run needs no waiting. A run
// that fails says why in one line on stderr, with a stack trace only when DEBUG=1.
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HousingFake, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { spawnConnectorCli } from "@/tests/support/connector-cli";
import { createTestDatabase } from "@/tests/support/test-database";
import { findConnectorState } from "@/lib/db/connector-state";
import { findConnectorRun, listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { beginConnectorRun } from "@/lib/connectors/run-claim";

const database = useOwnDatabase();
const clientId = "4546";
const apiKey = "housing-signals-test-key";
const hour = 3600;
const start = Math.floor(Date.now() / 1000 / hour) * hour - 4 * hour;
const lastLead = Math.floor(Date.now() / 1000) - 60;
const generated = { count: 200, from: start, to: lastLead, projectId: 11, phoneBase: 90_000 };

let fake: HousingFake;
beforeEach(async () => {
  await clearConnectorData(database.client);
  fake = await startHousingFake({ clients: { [clientId]: apiKey }, generated });
});
afterEach(() => fake.close());

const housingEnv = () => ({
  DATABASE_URL: database.url,
  HOUSING_API_URL: fake.url,
  HOUSING_CLIENT_ID: clientId,
  HOUSING_API_KEY: apiKey,
  HOUSING_START_DATE: String(start),
  HOUSING_WINDOW_SECONDS: String(hour),
});
const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  spawnConnectorCli(args, { ...housingEnv(), ...env });
const cursorNow = async () => (await findConnectorState("housing", database.client))?.cursor ?? null;

async function expectEveryLeadOnce() {
  const leads = await database.client.lead.findMany({ select: { identityKey: true } });
  expect(leads).toHaveLength(generated.count);
  expect(new Set(leads.map((l) => l.identityKey)).size).toBe(generated.count);
}

describe("a connector run stopped from outside", () => {
  it("closes its record as interrupted on SIGTERM and frees the lease at once", { timeout: 60_000 }, async () => {
    const held = fake.hold(start + 2 * hour, 1);
    const first = cli(["housing"]);
    await held.arrived;
    await expect.poll(cursorNow, { timeout: 20_000 }).toBe(String(start + 2 * hour - 1));
    first.signal("SIGTERM");
    const stopped = await first.exit;
    held.release();
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toBe("error: interrupted: stopped by SIGTERM\n");
    const [record] = await listRecentConnectorRuns({ connector: "housing" }, database.client);
    expect(record).toMatchObject({
      status: "failed",
      error: "interrupted: stopped by SIGTERM",
      counts: { windows: 2 },
    });
    expect(record!.finishedAt).not.toBeNull();
    expect(await findConnectorState("housing", database.client)).toMatchObject({
      leaseOwner: null,
      leaseExpiresAt: null,
    });

    // No lease to wait for: a plain run right after goes on from the committed cursor.
    const second = await cli(["housing"]).exit;
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    await expectEveryLeadOnce();
  });

  it("stops a run the server handed over when the server goes away", { timeout: 60_000 }, async () => {
    // What the server does (lib/connectors/child-run.ts), with this test as the server.
    const { runId, lease } = await beginConnectorRun({ name: "housing" }, { client: database.client });
    const held = fake.hold(start + 2 * hour, 1);
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/connector.ts",
        "housing",
        "--run-id",
        runId,
        "--lease-owner",
        lease.owner,
      ],
      { env: { ...process.env, ...housingEnv(), LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe", "ipc"] },
    );
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const output = new Promise((resolve) => child.stdout!.once("end", resolve));
    // ("close" never comes once this side has disconnected: wait for the exit and the output's end.)
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await held.arrived;
    await expect.poll(cursorNow, { timeout: 20_000 }).toBe(String(start + 2 * hour - 1));
    child.disconnect();
    expect(await exited).toBe(1);
    await output;
    held.release();
    await lease.release();

    expect(await findConnectorRun(runId, database.client)).toMatchObject({
      status: "failed",
      error: "interrupted: the server stopped",
      counts: { windows: 2 },
      rangeStart: expect.any(String),
    });
    expect((await findConnectorState("housing", database.client))?.leaseOwner).toBeNull();
    // Its log lines: JSON, one per event, the run's own.
    const events = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { event?: string; runId?: string; pid: number; status?: string });
    expect(events.filter((e) => e.runId === runId).map((e) => e.event)).toEqual(
      expect.arrayContaining(["run.started", "run.finished"]),
    );
    expect(events.find((e) => e.event === "run.finished")).toMatchObject({ status: "failed", pid: child.pid });
  });
});

describe("a failed run on the command line", () => {
  it("says why in one line on stderr", { timeout: 60_000 }, async () => {
    const rejected = await cli(["housing"], { HOUSING_API_KEY: "not-the-key" }).exit;
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/^error: unauthorized: [^\n]+\n$/);
  });

  it("gives an unexpected error one line too, and its stack trace only with DEBUG=1", { timeout: 60_000 }, async () => {
    // A database nobody migrated: an error of no kind the framework expects.
    const empty = await createTestDatabase(process.env.DATABASE_URL, { migrated: false });
    try {
      const plain = await cli(["housing"], { DATABASE_URL: empty.url }).exit;
      expect(plain.code).toBe(1);
      expect(plain.stderr).toMatch(/^error: [^\n]*ConnectorState[^\n]*\n$/);
      const debug = await cli(["housing"], { DATABASE_URL: empty.url, DEBUG: "1" }).exit;
      expect(debug.code).toBe(1);
      expect(debug.stderr).toMatch(/\n\s+at /);
      expect(debug.stderr).toMatch(/error: [^\n]*ConnectorState[^\n]*\n$/);
    } finally {
      await empty.drop();
    }
  });
});
