// The framework's guarantees, with the real Housing.com connector against its fake: one
// run at a time across app instances (separate clients), a dead run's lease freeing
// itself, the per-unit fence when a lease is lost, interruption, run records, "run now"
// and polling.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HousingFake, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { openConnectorConnections } from "@/tests/support/open-connections";
import { loadEnv } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import { findConnectorState, releaseLease, renewLease, tryAcquireLease } from "@/lib/db/connector-state";
import { abandonedRunMessage, createConnectorRun, listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { ConnectorError, LeaseBusyError } from "./errors";
import { inThisProcess, runConnector, startConnectorRun, type RunSettings } from "./run";
import { runConnectorNow } from "./run-now";
import { scheduleConnector } from "./scheduler";
import type { Connector, ProgressEvent } from "./types";

const database = useOwnDatabase();
const clientId = "4544";
const apiKey = "housing-test-key-7f3a";
const t0 = 1_767_225_600;
const hour = 3600;
const now = t0 + 5 * hour - 1;
let fake: HousingFake;

// No overlap: these tests count the windows of a run that follows another.
const connector = () =>
  housingConnector({
    apiUrl: fake.url,
    clientId,
    apiKey,
    startDate: t0,
    windowSeconds: hour,
    pageSize: 1000,
    overlapSeconds: 0,
  });
const settings = (client: Db, more: RunSettings = {}): RunSettings => ({
  client,
  retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  now: () => new Date(now * 1000),
  ...more,
});

const cursorNow = async () => (await findConnectorState("housing", database.client))?.cursor ?? null;

async function expectEveryLeadOnce(expected: number) {
  const leads = await database.client.lead.findMany({ select: { identityKey: true } });
  expect(leads).toHaveLength(expected);
  expect(new Set(leads.map((l) => l.identityKey)).size).toBe(expected);
}

beforeEach(async () => {
  await clearConnectorData(database.client);
  fake = await startHousingFake({
    clients: { [clientId]: apiKey },
    generated: { count: 40, from: t0, to: now, projectId: 31, phoneBase: 5000 },
  });
});
afterEach(() => fake.close());

describe("the run lease", () => {
  it("admits one holder at a time, renews only for its holder, and frees itself when it expires", async () => {
    const c = database.client;
    const at = (s: number) => new Date((t0 + s) * 1000);
    expect(await tryAcquireLease("lease-test", "a", 30, at(0), c)).toBe(true);
    expect(await tryAcquireLease("lease-test", "b", 30, at(10), c)).toBe(false);
    const renew = (owner: string, s: number) => renewLease(c, { name: "lease-test", owner, seconds: 30, now: at(s) });
    expect(await renew("a", 20)).toBe(true);
    expect(await renew("b", 20)).toBe(false);
    expect(await tryAcquireLease("lease-test", "b", 30, at(49), c)).toBe(false);
    expect(await tryAcquireLease("lease-test", "b", 30, at(51), c)).toBe(true);
    expect(await renew("a", 52)).toBe(false);
    await releaseLease("lease-test", "a", c);
    expect((await findConnectorState("lease-test", c))?.leaseOwner).toBe("b");
    await releaseLease("lease-test", "b", c);
    expect(await findConnectorState("lease-test", c)).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
  });

  it("lets a second instance's run exit with a clear message while one runs, never importing twice", async () => {
    const held = fake.hold(t0, 1);
    const first = runConnector(connector(), settings(database.client));
    await held.arrived;
    const second = runConnector(connector(), settings(database.connect()));
    await expect(second).rejects.toThrow(LeaseBusyError);
    await expect(second).rejects.toThrow(
      /^another housing run is in progress \(held by .+:\d+:[0-9a-f]{8}, lease until \d{4}-.+Z\); try again when it has finished$/,
    );
    held.release();
    expect((await first).status).toBe("succeeded");
    await expectEveryLeadOnce(40);
    expect(await database.client.connectorRun.count()).toBe(1);
  });

  it("lets a second run wait for the first, then find nothing left to import", async () => {
    const held = fake.hold(t0, 1);
    const first = runConnector(connector(), settings(database.client));
    await held.arrived;
    let waiting!: () => void;
    const isWaiting = new Promise<void>((resolve) => (waiting = resolve));
    const second = runConnector(
      connector(),
      settings(database.connect(), { waitSeconds: 60, onProgress: (e) => e.type === "waiting" && waiting() }),
    );
    await isWaiting;
    held.release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual(["succeeded", "succeeded"]);
    expect(a.counts.created).toBe(40);
    expect(b.counts).toMatchObject({ windows: 0, created: 0 });
    await expectEveryLeadOnce(40);
  });

  it("never double-imports when instances start at the same moment", async () => {
    const outcomes = await Promise.allSettled(
      [database.client, database.connect(), database.connect()].map((client) =>
        runConnector(connector(), settings(client)),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(LeaseBusyError);
      else expect(outcome.value.status).toBe("succeeded");
    }
    expect(outcomes.some((o) => o.status === "fulfilled")).toBe(true);
    await expectEveryLeadOnce(40);
  });

  it("takes over the lease of a run that died once it expires, and marks that run failed", async () => {
    const deadRun = await createConnectorRun(
      { connector: "housing", dryRun: false, rangeStart: null, rangeEnd: null },
      database.client,
    );
    expect(await tryAcquireLease("housing", "dead-host:1:00000000", 1, new Date(), database.client)).toBe(true);
    await expect(runConnector(connector(), settings(database.client))).rejects.toThrow(/held by dead-host:1:00000000/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const result = await runConnector(connector(), settings(database.client));
    expect(result.status).toBe("succeeded");
    const runs = await listRecentConnectorRuns({ connector: "housing" }, database.client);
    expect(runs.find((r) => r.id === deadRun)).toMatchObject({ status: "failed", error: abandonedRunMessage });
    expect((await findConnectorState("housing", database.client))?.leaseOwner).toBeNull();
  });

  it("does not commit a unit after the lease was lost to another run", async () => {
    const held = fake.hold(t0 + 2 * hour, 1);
    const running = runConnector(connector(), settings(database.client));
    await held.arrived;
    // The second window is fetched while the first is written: wait until it is committed too.
    await expect.poll(cursorNow).toBe(String(t0 + 2 * hour - 1));
    await database.client.connectorState.update({
      where: { name: "housing" },
      data: { leaseOwner: "another-instance" },
    });
    held.release();
    const result = await running;
    expect(result.status).toBe("failed");
    expect(result.error).toBe("lease_lost: lost the housing run lease (it expired and another run took it)");
    expect(result.counts.windows).toBe(2);
    expect(await database.client.lead.count()).toBe(result.counts.created);
    expect(await cursorNow()).toBe(String(t0 + 2 * hour - 1));
    // The run's own connection is closed, failed run or not.
    expect(await openConnectorConnections(database.url)).toBe(0);
  });

  it("records an interrupted run as failed and frees the lease", async () => {
    const held = fake.hold(t0 + 2 * hour, 1);
    const stop = new AbortController();
    const running = runConnector(connector(), settings(database.client, { signal: stop.signal }));
    await held.arrived;
    await expect.poll(cursorNow).toBe(String(t0 + 2 * hour - 1));
    stop.abort(new ConnectorError("interrupted", "stopped by SIGINT"));
    const result = await running;
    held.release();
    expect(result).toMatchObject({ status: "failed", error: "interrupted: stopped by SIGINT" });
    expect(result.counts.windows).toBe(2);
    expect((await findConnectorState("housing", database.client))?.leaseOwner).toBeNull();
    expect(await openConnectorConnections(database.url)).toBe(0);
  });
});

describe("a unit's transaction", () => {
  it("commits nothing of a unit whose save fails, records the failure and closes the run's connection", async () => {
    let pulls = 0;
    const failing: Connector = {
      name: "failing-test",
      unit: { one: "page", many: "pages" },
      summary: [["created", "created"]],
      backfill: false,
      plan: () => ({
        range: null,
        advancesCursor: true,
        pullNext: async () =>
          ++pulls > 1
            ? null
            : {
                label: "page 1",
                fetched: 1,
                cursor: "after-page-1",
                save: async ({ tx }) => {
                  await tx.execute(`UPDATE "ConnectorRun" SET "counts" = '{"created":99}'`);
                  throw new Error("the disk is full");
                },
              },
      }),
    };
    const result = await runConnector(failing, settings(database.client));
    expect(result).toMatchObject({ status: "failed", error: "the disk is full", counts: { created: 0 } });
    expect(await findConnectorState("failing-test", database.client)).toMatchObject({ cursor: null, leaseOwner: null });
    const [record] = await listRecentConnectorRuns({ connector: "failing-test" }, database.client);
    expect(record).toMatchObject({ status: "failed", counts: { created: 0 } });
    expect(await openConnectorConnections(database.url)).toBe(0);
  });
});

describe("run records, run now and polling", () => {
  it("lists recent runs newest first with their counts", async () => {
    const events: ProgressEvent["type"][] = [];
    const first = await runConnector(
      connector(),
      settings(database.client, { onProgress: (e) => events.push(e.type) }),
    );
    const second = await runConnector(
      connector(),
      settings(database.client, { dryRun: true, since: t0, until: t0 + hour }),
    );
    expect(events).toEqual(["start", "unit", "unit", "unit", "unit", "unit"]);
    const runs = await listRecentConnectorRuns({ connector: "housing", limit: 5 }, database.client);
    expect(runs.map((r) => [r.id, r.status, r.dryRun])).toEqual([
      [second.runId, "succeeded", true],
      [first.runId, "succeeded", false],
    ]);
    expect(runs[1]!.counts).toEqual(first.counts);
    expect(runs[1]!.counts.created).toBe(40);
    expect(await openConnectorConnections(database.url)).toBe(0);
  });

  it("starts a run now unless one is running, and says why not", async () => {
    const config = loadEnv({
      HOUSING_API_URL: fake.url,
      HOUSING_CLIENT_ID: clientId,
      HOUSING_API_KEY: apiKey,
      HOUSING_START_DATE: String(t0),
      HOUSING_WINDOW_SECONDS: String(hour),
    });
    const held = fake.hold(t0, 1);
    const started = await runConnectorNow("housing", { config, launch: inThisProcess(settings(database.client)) });
    expect(started.started).toBe(true);
    await held.arrived;
    const refused = await runConnectorNow("housing", { config, launch: inThisProcess(settings(database.connect())) });
    expect(refused).toEqual({ started: false, reason: expect.stringMatching(/^another housing run is in progress/) });
    held.release();
    const runId = started.started ? started.runId : "";
    await expect
      .poll(async () => (await listRecentConnectorRuns({}, database.client)).find((r) => r.id === runId)?.status)
      .toBe("succeeded");
    expect(await runConnectorNow("housing", { config: loadEnv({}) })).toEqual({
      started: false,
      reason: "the housing connector is disabled: set HOUSING_CLIENT_ID, HOUSING_API_KEY to enable it",
    });
    expect(await runConnectorNow("nope", { config })).toEqual({
      started: false,
      reason: "there is no connector named nope",
    });
  });

  it("polls on its interval, one run after another", async () => {
    const schedule = scheduleConnector(connector(), {
      intervalMs: 20,
      firstDelayMs: 0,
      launch: inThisProcess(settings(database.client)),
    });
    await expect
      .poll(
        async () =>
          (await listRecentConnectorRuns({ connector: "housing" }, database.client)).filter(
            (r) => r.status === "succeeded",
          ).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(3);
    await schedule.stop();
    await expectEveryLeadOnce(40);
    const started = await startConnectorRun(connector(), settings(database.client));
    expect((await started.finished).status).toBe("succeeded");
  });
});
