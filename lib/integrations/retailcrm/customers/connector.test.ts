// The retailCRM customers connector against the fake account (tests/fakes/retailcrm-server.ts,
// which behaves as retailCRM's own clients show the platform does) and a real database of its
// own: the first full pass, changes read from the histories, matching, removal, retries, a
// refused key, dry runs and inactive accounts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeRetailCrm, startFakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { useOwnDatabase } from "@/tests/support/own-database";
import { testSecrets } from "@/tests/support/test-config";
import { captureLogs } from "@/tests/support/captured-logs";
import { loadEnv } from "@/lib/env";
import { databaseUrlOf, db } from "@/lib/db/client";
import { type RunSettings, runConnector } from "@/lib/connectors/run";
import { runAccounts } from "@/lib/connectors/accounts-run";
import { runConnectorNow } from "@/lib/connectors/run-now";
import { inThisProcess } from "@/lib/connectors/run";
import type { ProgressEvent } from "@/lib/connectors/types";
import { findConnectorState } from "@/lib/db/connector-state";
import { findLatestScopedRun } from "@/lib/db/connector-runs";
import {
  markRetailCrmConnectionInactive,
  recordRetailCrmActivity,
  saveRetailCrmConnection,
} from "@/lib/db/retailcrm-connections";
import { createContact } from "@/lib/db/contacts";
import { loadContactRecord } from "@/lib/db/contact-records";
import { sqlOf } from "@/lib/db/driver";
import { sealApiKey } from "@/lib/integrations/retailcrm/api-key-box";
import { type AccountSelection, retailcrmAccountConnectors } from "./accounts";
import { createPacer } from "./pacer";

const database = useOwnDatabase();
const apiKey = "rcrm-key-8c1f0e2d9b7a4c3e";
const fast = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
const config = () => loadEnv({ ...testSecrets, DATABASE_URL: database.url });

let fake: FakeRetailCrm;
let connectionId: string;

beforeEach(async () => {
  const client = database.client;
  await client.externalRef.deleteMany();
  await client.contact.deleteMany();
  await client.connectorRun.deleteMany();
  await client.connectorState.deleteMany();
  await client.retailCrmConnection.deleteMany();
  fake = await startFakeRetailCrm({ apiKeys: [apiKey], rateLimit: false });
  connectionId = await connect(fake.url);
});
afterEach(async () => {
  await fake.close();
});

async function connect(systemUrl: string, key = apiKey): Promise<string> {
  const sealed = sealApiKey(key, systemUrl, config().encryptionSecrets);
  const saved = await saveRetailCrmConnection(
    { systemUrl, apiKeyEncrypted: sealed, clientId: `client-${Math.random().toString(36).slice(2)}` },
    new Date(),
    database.client,
  );
  return saved.id;
}

/** The account connectors a run covers, unpaced: the fake's limit is off unless a test turns it on. */
function accounts(selection: Omit<AccountSelection, "client"> = {}) {
  return retailcrmAccountConnectors(config(), {
    client: database.client,
    api: { pacer: createPacer(0) },
    ...selection,
  });
}

async function sync(selection: Omit<AccountSelection, "client"> = {}, settings: RunSettings = {}) {
  const [connector] = await accounts(selection);
  if (!connector) throw new Error("no account to sync");
  return runConnector(connector, { client: database.client, retry: fast, ...settings });
}

const refs = () =>
  database.client.externalRef.findMany({
    where: { system: "retailcrm" },
    select: { externalId: true, url: true, contact: { select: { displayName: true, kind: true } } },
  });
const host = () => new URL(fake.url).host;
const listReads = () => fake.requests.filter((r) => /customers(-corporate)?$/.test(r.path) && !r.query.includes("ids"));

describe("first sync", () => {
  it("reads every page of both lists, people and companies, each once, with a link to the customer", async () => {
    const people = fake.account.seedCustomers(250);
    const companies = Array.from({ length: 20 }, (_, i) =>
      fake.account.addCorporate(i % 2 ? { nickName: `Trading ${i}` } : { companies: [`Company ${i} LLC`] }),
    );
    const result = await sync();
    expect(result.status).toBe("succeeded");
    expect(result.counts).toMatchObject({ created: 270, updated: 0, invalid: 0, removed: 0 });
    // 3 pages of people, 1 of companies; the histories hold only their "created" records, all before the marks.
    expect(result.counts.pages).toBe(4);
    expect(result.counts.history).toBe(0);
    const stored = await refs();
    expect(stored).toHaveLength(270);
    expect(new Set(stored.map((r) => r.externalId)).size).toBe(270);
    const first = stored.find((r) => r.externalId === `${host()}/customers/${people[0]}`);
    expect(first).toMatchObject({ url: `${fake.url}/customers/${people[0]}`, contact: { kind: "person" } });
    expect(first?.contact.displayName).toBe("First0 Last0");
    const unnamed = stored.find((r) => r.externalId === `${host()}/customers-corporate/${companies[0]}`);
    expect(unnamed).toMatchObject({
      url: `${fake.url}/customers-corporate/${companies[0]}`,
      contact: { kind: "company", displayName: "Company 0 LLC" },
    });
    const nicknamed = stored.find((r) => r.externalId === `${host()}/customers-corporate/${companies[1]}`);
    expect(nicknamed?.contact.displayName).toBe("Trading 1");
    // Every page asked for 100, the largest page the platform accepts; the key went in the header.
    expect(listReads().every((r) => r.query.includes("limit=100"))).toBe(true);
    expect(fake.requests.every((r) => r.keyVia === "header")).toBe(true);
  });

  it("keeps a change made while the pass runs: it is read from the history afterwards", async () => {
    const ids = fake.account.seedCustomers(250);
    const renamed = ids.at(-1)!; // newest first: on the first page, read before the change
    const onProgress = (event: ProgressEvent) => {
      if (event.type === "unit" && event.done === 1) fake.account.updateCustomer(renamed, { lastName: "Renamed" });
    };
    const result = await sync({}, { onProgress });
    expect(result.status).toBe("succeeded");
    expect(result.counts.history).toBe(1);
    const contact = (await refs()).find((r) => r.externalId === `${host()}/customers/${renamed}`);
    expect(contact?.contact.displayName).toBe(`First249 Renamed`);
  });

  it("misses no customer when one is deleted while the pass runs, whatever the list's order", async () => {
    for (const listOrder of ["oldest-first", "newest-first"] as const) {
      await fake.close();
      await database.client.externalRef.deleteMany();
      await database.client.connectorState.deleteMany();
      await database.client.retailCrmConnection.deleteMany();
      fake = await startFakeRetailCrm({ apiKeys: [apiKey], rateLimit: false, listOrder });
      connectionId = await connect(fake.url);
      const ids = fake.account.seedCustomers(250);
      // Once page 1 is read, a customer on it is deleted: in an oldest-first list the 101st moves onto page 1.
      const onPage1 = listOrder === "oldest-first" ? ids[0]! : ids.at(-1)!;
      const onProgress = (event: ProgressEvent) => {
        if (event.type === "unit" && event.done === 1) fake.account.deleteCustomer(onPage1);
      };
      const result = await sync({}, { onProgress });
      expect(result.status).toBe("succeeded");
      const linked = new Set((await refs()).map((r) => r.externalId));
      const missing = ids.filter((id) => id !== onPage1 && !linked.has(`${host()}/customers/${id}`));
      expect({ listOrder, missing }).toEqual({ listOrder, missing: [] });
      expect(linked.has(`${host()}/customers/${onPage1}`)).toBe(false);
    }
  });

  it("joins a customer to the existing contact with its email instead of making a second", async () => {
    const existing = await createContact(
      { kind: "person", firstName: "Olga", lastName: "Old", emails: [{ email: "Olga@Example.com" }] },
      database.client,
    );
    fake.account.addCustomer({ firstName: "Olga", lastName: "Ivanova", email: "olga@example.com" });
    const result = await sync();
    expect(result.counts).toMatchObject({ created: 0, updated: 1, linked: 1 });
    const [ref] = await refs();
    expect(ref?.contact.displayName).toBe("Olga Ivanova");
    expect(await database.client.contact.count()).toBe(1);
    const record = await loadContactRecord(existing.id, sqlOf(database.client));
    expect(record?.links).toEqual([
      expect.objectContaining({ system: "retailcrm", url: expect.stringMatching(/\/customers\/\d+$/) }),
    ]);
  });

  it("counts a customer it cannot import as invalid, with its id, and goes on", async () => {
    fake.account.addCustomer({ firstName: "Good" });
    const empty = fake.account.addCustomer({ email: "" });
    const result = await sync();
    expect(result.status).toBe("succeeded");
    expect(result.counts).toMatchObject({ created: 1, invalid: 1 });
    expect(result.problems.shown.join("\n")).toContain(`customers ${empty}: it has no name, email or phone`);
  });
});

describe("later syncs", () => {
  it("apply the history's changes without reading the lists again", async () => {
    const [a, b, c] = fake.account.seedCustomers(3);
    const corporate = fake.account.addCorporate({ companies: ["Horns LLC"] });
    const other = fake.account.addCorporate({ nickName: "Hooves" });
    await sync();
    const pagesRead = listReads().length;

    fake.account.updateCustomer(a!, { firstName: "Anna" });
    fake.account.updateCustomer(b!, { phones: ["+79001112233", "+7 (900) 555-44-33"] });
    for (let i = 0; i < 30; i++) fake.account.changeSegment(c!, `segment-${i}`, true);
    const added = fake.account.addCustomer({ firstName: "New", lastName: "Comer", email: "new@example.com" });
    fake.account.deleteCustomer(c!);
    fake.account.renameCompany(corporate, firstCompanyOf(corporate), "Horns and Hooves LLC");
    fake.account.deleteCorporate(other);

    const result = await sync();
    expect(result.status).toBe("succeeded");
    expect(listReads().length).toBe(pagesRead);
    expect(result.counts).toMatchObject({ created: 1, removed: 2, invalid: 0 });
    expect(result.counts.updated).toBeGreaterThanOrEqual(3);
    const byRef = new Map((await refs()).map((r) => [r.externalId, r.contact.displayName]));
    expect(byRef.get(`${host()}/customers/${a}`)).toBe("Anna Last0");
    expect(byRef.get(`${host()}/customers/${added}`)).toBe("New Comer");
    expect(byRef.has(`${host()}/customers/${c}`)).toBe(false);
    expect(byRef.get(`${host()}/customers-corporate/${corporate}`)).toBe("Horns and Hooves LLC");
    expect(byRef.has(`${host()}/customers-corporate/${other}`)).toBe(false);
    // The deleted customer's contact stays (its notes with it); only the link went.
    expect(await database.client.contact.count()).toBe(6);
    const phones = await database.client.contactPhone.findMany({
      where: { contact: { externalRefs: { some: { externalId: `${host()}/customers/${b}` } } } },
      select: { digits: true },
    });
    expect(phones.map((p) => p.digits).sort()).toEqual(["79000000001", "79001112233", "79005554433"]);

    const again = await sync();
    expect(again.counts).toMatchObject({ created: 0, updated: 0, removed: 0, history: 0 });
  });

  it("removes the link of a customer merged into another and brings the survivor in step", async () => {
    const [kept, merged] = fake.account.seedCustomers(2);
    await sync();
    fake.account.updateCustomer(kept!, { phones: ["+79000000000", "+79000000001"] });
    fake.account.combineCustomers([merged!], kept!);
    const result = await sync();
    expect(result.counts).toMatchObject({ removed: 1 });
    const byRef = new Set((await refs()).map((r) => r.externalId));
    expect(byRef).toEqual(new Set([`${host()}/customers/${kept}`]));
  });

  it("--full reads the lists again and keeps its place in the history", async () => {
    fake.account.seedCustomers(5);
    await sync();
    const before = await findConnectorState(`retailcrm:${connectionId}`, database.client);
    const result = await sync({ full: true });
    // The customers' one page, and the corporate list's (empty) one.
    expect(result.counts).toMatchObject({ pages: 2, unchanged: 5, created: 0 });
    const after = await findConnectorState(`retailcrm:${connectionId}`, database.client);
    expect(JSON.parse(after!.cursor!)).toEqual(JSON.parse(before!.cursor!));
  });
});

function firstCompanyOf(corporateId: number): number {
  const listed = fake.account.listPage("corporate", { ids: [corporateId], newestFirst: false, offset: 0, limit: 1 });
  const main = (listed.items[0] as { mainCompany?: { id: number } }).mainCompany;
  if (!main) throw new Error("the corporate customer has no company");
  return main.id;
}

describe("the platform's limits and refusals", () => {
  it("retries the 503 the platform answers past its limit, and 5xx, and goes on", async () => {
    fake.account.seedCustomers(150);
    fake.inject({ times: 2, path: /^\/api\/v5\/customers$/, status: 503 });
    fake.inject({ times: 1, path: /history$/, status: 502 });
    const retries: string[] = [];
    const result = await sync({}, { onProgress: (e) => e.type === "retry" && retries.push(e.reason) });
    expect(result.status).toBe("succeeded");
    expect(result.counts.created).toBe(150);
    expect(retries.some((r) => r.includes("503"))).toBe(true);
    expect(retries.some((r) => r.includes("502"))).toBe(true);
  });

  it("honours the platform's limit of 10 requests a second: every customer arrives once", async () => {
    await fake.close();
    fake = await startFakeRetailCrm({ apiKeys: [apiKey] }); // the limit on, on the real clock
    await database.client.retailCrmConnection.deleteMany();
    connectionId = await connect(fake.url);
    fake.account.seedCustomers(1200);
    const [connector] = await retailcrmAccountConnectors(config(), { client: database.client }); // the real pacer
    const result = await runConnector(connector!, { client: database.client, retry: fast });
    expect(result.status).toBe("succeeded");
    expect(result.counts.created).toBe(1200);
    expect(await database.client.externalRef.count({ where: { system: "retailcrm" } })).toBe(1200);
  });

  it("fails the account's sync when the key is revoked, saying so, never showing the key", async () => {
    fake.account.seedCustomers(3);
    await sync();
    fake.revokeApiKey(apiKey);
    fake.account.addCustomer({ firstName: "Late" });
    const logs = captureLogs();
    try {
      const result = await sync();
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(
        /^unauthorized: retailCRM refused the API key: it was revoked, or it lacks the customer_read right/,
      );
      expect(result.error).toContain('Wrong "apiKey" value.');
      const run = await findLatestScopedRun("retailcrm", connectionId, database.client);
      expect(run).toMatchObject({ status: "failed", error: result.error });
      expect(logs.text()).not.toContain(apiKey);
      expect(JSON.stringify(run)).not.toContain(apiKey);
    } finally {
      logs.restore();
    }
  });

  it("says so when the key lacks the customer_read right", async () => {
    await database.client.retailCrmConnection.deleteMany();
    fake.addApiKey("no-customers-key", ["integration_read", "integration_write"]);
    connectionId = await connect(fake.url, "no-customers-key");
    const result = await sync();
    expect(result.error).toContain("lacks the customer_read right (retailCRM says: Access denied.)");
  });

  it("gives up on an account that does not answer, and goes on with the others", async () => {
    const other = await startFakeRetailCrm({ apiKeys: [apiKey], rateLimit: false });
    try {
      await connect(other.url);
      other.account.seedCustomers(2);
      fake.inject({ times: 100, hang: true });
      const result = await runAccounts(
        await retailcrmAccountConnectors(config(), {
          client: database.client,
          api: { pacer: createPacer(0), timeoutMs: 200 },
        }),
        { client: database.client, retry: fast },
      );
      expect(result.status).toBe("failed");
      expect(result.counts.accounts).toBe(2);
      const byAccount = new Map(result.outcomes.map((o) => [o.account.name, o.run]));
      expect(byAccount.get(fake.url)).toMatchObject({ status: "failed" });
      expect((byAccount.get(fake.url) as { error: string }).error).toContain("did not answer");
      expect(byAccount.get(other.url)).toMatchObject({ status: "succeeded", counts: { created: 2 } });
    } finally {
      await other.close();
    }
  });
});

describe("when the server syncs an account", () => {
  it("syncs a new account at once, then again an interval later, or as soon as it is unfrozen", async () => {
    const due = async (now: Date) => (await accounts({ due: { pollSeconds: 600, now } })).length;
    expect(await due(new Date())).toBe(1);
    await sync();
    expect(await due(new Date())).toBe(0);
    expect(await due(new Date(Date.now() + 601_000))).toBe(1);
    const { clientId } = await database.client.retailCrmConnection.findUniqueOrThrow({ where: { id: connectionId } });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later time than the run's start, on any clock
    await recordRetailCrmActivity(clientId, { active: true, frozen: true }, new Date(), database.client);
    expect(await due(new Date())).toBe(0);
    await recordRetailCrmActivity(clientId, { active: true, frozen: false }, new Date(), database.client);
    expect(await due(new Date())).toBe(1);
  });
});

describe("Run now", () => {
  it("starts a sync of every connected account, and says so when there is none", async () => {
    // The Sync page's Run now reads the accounts from the app's own database (db(): this file's copy).
    const app = db();
    const appConfig = loadEnv({ ...testSecrets, DATABASE_URL: databaseUrlOf(app) });
    const sealed = sealApiKey(apiKey, fake.url, appConfig.encryptionSecrets);
    const { id } = await saveRetailCrmConnection(
      { systemUrl: fake.url, apiKeyEncrypted: sealed, clientId: "run-now" },
      new Date(),
      app,
    );
    try {
      fake.account.seedCustomers(2);
      const launch = inThisProcess({ client: app, retry: fast });
      expect(await runConnectorNow("retailcrm", { config: appConfig, launch })).toMatchObject({ started: true });
      await expect.poll(async () => (await findLatestScopedRun("retailcrm", id, app))?.status).toBe("succeeded");
      await markRetailCrmConnectionInactive(id, app);
      expect(await runConnectorNow("retailcrm", { config: appConfig, launch })).toEqual({
        started: false,
        reason: "no account is connected (active and not frozen)",
      });
    } finally {
      await app.retailCrmConnection.delete({ where: { id } });
    }
  });
});

describe("what is not synced", () => {
  it("a dry run writes nothing, not even the cursor", async () => {
    fake.account.seedCustomers(120);
    const result = await sync({}, { dryRun: true });
    expect(result.status).toBe("succeeded");
    expect(result.counts.created).toBe(120);
    expect(await database.client.contact.count()).toBe(0);
    expect((await findConnectorState(`retailcrm:${connectionId}`, database.client))?.cursor ?? null).toBeNull();
  });

  it("an inactive or frozen account is not read", async () => {
    fake.account.seedCustomers(2);
    await markRetailCrmConnectionInactive(connectionId, database.client);
    expect(await accounts()).toEqual([]);
    await database.client.retailCrmConnection.update({
      where: { id: connectionId },
      data: { active: true, frozen: true },
    });
    expect(await accounts()).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});
