// A run outlives a database blip: PostgreSQL "restarting" (every connection cut, new ones
// refused for half a second; a TCP proxy of this test's stands in for the server, the shared
// cluster is never touched) or SQLite's write lock held by another connection past the
// run's wait. The run retries, ends succeeded, and every lead is stored once.
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HousingFake, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { type TcpProxy, startTcpProxy } from "@/tests/support/tcp-proxy";
import { openConnectorConnections } from "@/tests/support/open-connections";
import { type Db, createDb } from "@/lib/db/client";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { findConnectorState } from "@/lib/db/connector-state";
import { listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { type RunSettings, runConnector } from "./run";
import type { ProgressEvent } from "./types";

const database = useOwnDatabase();
const onPostgres = engineOf(process.env.DATABASE_URL ?? "file:") === "postgresql";
const clientId = "4545";
const apiKey = "housing-blip-test-key";
const t0 = 1_767_225_600;
const hour = 3600;
const now = t0 + 5 * hour - 1;
let fake: HousingFake;

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
// Enough attempts to outlast half a second, quickly.
const retry = { attempts: 10, baseDelayMs: 50, maxDelayMs: 400 };
const retries: Extract<ProgressEvent, { type: "retry" }>[] = [];
const settings = (client: Db, more: RunSettings = {}): RunSettings => ({
  client,
  retry,
  now: () => new Date(now * 1000),
  onProgress: (event) => void (event.type === "retry" && retries.push(event)),
  ...more,
});
const cursorNow = async () => (await findConnectorState("housing", database.client))?.cursor ?? null;

async function expectSucceededWithEveryLeadOnce(result: Awaited<ReturnType<typeof runConnector>>) {
  expect(result).toMatchObject({ status: "succeeded", error: null, counts: { windows: 5, created: 40 } });
  const leads = await database.client.lead.findMany({ select: { identityKey: true } });
  expect(leads).toHaveLength(40);
  expect(new Set(leads.map((l) => l.identityKey)).size).toBe(40);
  const [record] = await listRecentConnectorRuns({ connector: "housing" }, database.client);
  expect(record).toMatchObject({ id: result.runId, status: "succeeded", counts: { windows: 5, created: 40 } });
  expect(await findConnectorState("housing", database.client)).toMatchObject({ cursor: String(now), leaseOwner: null });
  expect(await openConnectorConnections(database.url)).toBe(0);
}

beforeEach(async () => {
  retries.length = 0;
  await clearConnectorData(database.client);
  fake = await startHousingFake({
    clients: { [clientId]: apiKey },
    generated: { count: 40, from: t0, to: now, projectId: 32, phoneBase: 6000 },
  });
});
afterEach(() => fake.close());

describe.runIf(onPostgres)("PostgreSQL restarting mid-run", () => {
  let proxy: TcpProxy;
  let client: Db;
  beforeEach(async () => {
    const url = new URL(database.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    client = createDb(proxy.urlFor(database.url));
  });
  afterEach(async () => {
    await client.$disconnect();
    await proxy.close();
  });

  it("retries the unit's commit on a new connection and finishes the run", async () => {
    const held = fake.hold(t0 + 2 * hour, 1);
    const running = runConnector(connector(), settings(client));
    await held.arrived;
    // Two windows are committed; the third is held at the peer. Restart while it is held,
    // and let it through while new connections are still refused.
    await expect.poll(cursorNow).toBe(String(t0 + 2 * hour - 1));
    const restarted = proxy.blip(500);
    held.release();
    await restarted;
    const result = await running;
    expect(proxy.cut).toBeGreaterThan(0);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.reason.startsWith("database: "))).toBe(true);
    await expectSucceededWithEveryLeadOnce(result);
  });

  it("waits out a restart while taking the lease and recording the run", async () => {
    await client.connectorRun.count(); // a pooled connection for the restart to cut
    const restarted = proxy.blip(500);
    const result = await runConnector(connector(), settings(client));
    await restarted;
    expect(retries.length).toBeGreaterThan(0);
    await expectSucceededWithEveryLeadOnce(result);
  });
});

describe.runIf(!onPostgres)("SQLite's write lock held by another connection", () => {
  it("retries the unit when the lock outlasts its wait, and finishes the run", async () => {
    const held = fake.hold(t0 + 2 * hour, 1);
    // A short wait for the lock, so that a moment's lock makes an attempt fail; a long
    // lease, so that no renewal (a Prisma write, which waits synchronously) falls in the moment.
    const running = runConnector(connector(), settings(database.client, { sqliteLockWaitMs: 20, leaseSeconds: 600 }));
    await held.arrived;
    await expect.poll(cursorNow).toBe(String(t0 + 2 * hour - 1));
    const other = new Database(sqlitePath(database.url));
    other.exec("BEGIN IMMEDIATE");
    held.release();
    await expect.poll(() => retries.length).toBeGreaterThan(0);
    other.exec("ROLLBACK");
    other.close();
    const result = await running;
    expect(retries.every((r) => r.reason === "database: SQLITE_BUSY")).toBe(true);
    await expectSucceededWithEveryLeadOnce(result);
  });
});
