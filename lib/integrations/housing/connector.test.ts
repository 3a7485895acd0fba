// The Housing.com connector against a faithful fake of Housing.com (tests/fakes) and a
// real database of its own.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeLead, type HousingFake, generatedLead, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { runConnector, type RunSettings } from "@/lib/connectors/run";
import { findConnectorState } from "@/lib/db/connector-state";
import { findConnectorRun } from "@/lib/db/connector-runs";
import { createContact } from "@/lib/db/contacts";
import { type HousingConfig, type HousingConnectorOptions, housingConnector, housingRange } from "./connector";

const database = useOwnDatabase();
const clientId = "4544";
const apiKey = "housing-test-key-7f3a";
const t0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const hour = 3600;
const now = t0 + 5 * hour - 1; // five one-hour windows from t0
const fast = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const spread = { count: 50, from: t0, to: now, projectId: 777, phoneBase: 1000 };

let fake: HousingFake;

async function fakeWith(options: Partial<Parameters<typeof startHousingFake>[0]> = {}) {
  fake = await startHousingFake({ clients: { [clientId]: apiKey }, generated: spread, ...options });
  return fake;
}

// No overlap unless a test asks for it: most tests count the windows of a run that follows
// another; the overlap has tests of its own.
function connector(config: Partial<HousingConfig> = {}, options: HousingConnectorOptions = {}) {
  return housingConnector(
    {
      apiUrl: fake.url,
      clientId,
      apiKey,
      startDate: t0,
      windowSeconds: hour,
      pageSize: 1000,
      overlapSeconds: 0,
      ...config,
    },
    { timeoutMs: 5000, ...options },
  );
}

function run(config: Partial<HousingConfig> = {}, settings: RunSettings = {}, options: HousingConnectorOptions = {}) {
  return runConnector(connector(config, options), {
    client: database.client,
    retry: fast,
    now: () => new Date(now * 1000),
    ...settings,
  });
}

const leadCount = () => database.client.lead.count({ where: { source: "housing" } });
const cursor = async () => (await findConnectorState("housing", database.client))?.cursor ?? null;

beforeEach(() => clearConnectorData(database.client));
afterEach(() => fake?.close());

describe("Housing.com connector: pulling", () => {
  it("pulls every window from the start date to now and stores each lead with its contact", async () => {
    await fakeWith();
    const result = await run();
    expect(result).toMatchObject({ status: "succeeded", error: null });
    expect(result.counts).toEqual({
      windows: 5,
      splits: 0,
      fetched: 50,
      created: 50,
      updated: 0,
      skipped: 0,
      contactsCreated: 50,
      contactsMatched: 0,
    });

    const windows = fake.requests.map((r) => [Number(r.query.start_date), Number(r.query.end_date)]);
    expect(windows).toEqual([0, 1, 2, 3, 4].map((i) => [t0 + i * hour, t0 + (i + 1) * hour - 1]));
    expect(fake.requests.every((r) => r.status === 200 && r.query.id === clientId && r.query.per_page === "1000")).toBe(
      true,
    );
    expect(await cursor()).toBe(String(now));

    const lead = await database.client.lead.findFirstOrThrow({
      where: { identityKey: `777|919000001001|${generatedLead(spread, 1).lead_date}` },
      include: { contact: { include: { phones: true, emails: true } } },
    });
    expect(JSON.parse(lead.raw)).toEqual(generatedLead(spread, 1));
    expect(lead).toMatchObject({
      name: "Buyer1001 Sharma",
      projectId: "777",
      projectName: "Skyline Towers",
      locality: "Powai",
    });
    expect(lead.contact).toMatchObject({
      kind: "person",
      firstName: "Buyer1001",
      lastName: "Sharma",
      displayName: "Buyer1001 Sharma",
    });
    expect(lead.contact.phones.map((p) => p.digits)).toEqual(["919000001001"]);
    expect(lead.contact.emails.map((e) => e.emailLower)).toEqual(["buyer1001@example.com"]);

    const record = await findConnectorRun(result.runId, database.client);
    expect(record).toMatchObject({
      status: "succeeded",
      dryRun: false,
      rangeStart: new Date(t0 * 1000).toISOString(),
      rangeEnd: new Date(now * 1000).toISOString(),
      counts: result.counts,
      error: null,
    });
    expect(record?.finishedAt).toBeInstanceOf(Date);
  });

  it("creates no duplicate when an overlapping range is pulled again, and updates a lead that changed", async () => {
    await fakeWith();
    await run();
    const again = await run({}, { since: t0 + hour / 2, until: now });
    expect(again.counts).toMatchObject({ created: 0, updated: 0, contactsCreated: 0 });
    expect(again.counts.skipped).toBe(again.counts.fetched);
    expect(again.counts.fetched).toBeGreaterThan(30);
    expect(await leadCount()).toBe(50);

    fake.setLeads([{ ...generatedLead(spread, 0), lead_name: "Buyer1000 Sharma-Iyer" }]);
    const changed = await run({}, { since: t0, until: t0 });
    expect(changed.counts).toMatchObject({ fetched: 2, created: 0, updated: 1, skipped: 1 });
    expect(await leadCount()).toBe(50);
    const updated = await database.client.lead.findFirstOrThrow({ where: { name: "Buyer1000 Sharma-Iyer" } });
    expect((JSON.parse(updated.raw) as { lead_name: string }).lead_name).toBe("Buyer1000 Sharma-Iyer");
  });

  it("stores a lead on a window boundary once", async () => {
    const edge = (date: number, phone: string): FakeLead => ({
      lead_name: "Edge Case",
      lead_phone: phone,
      lead_email: null,
      project_id: 5,
      project_name: null,
      locality: null,
      lead_date: String(date),
    });
    await fakeWith({
      generated: undefined,
      leads: [edge(t0 + hour - 1, "1"), edge(t0 + hour, "2"), edge(t0 + hour, "2")],
    });
    const result = await run();
    expect(result.counts).toMatchObject({ fetched: 3, created: 2, skipped: 1, contactsCreated: 2 });
    expect(await leadCount()).toBe(2);
  });

  it("reads a bare array, {data: […]} and {leads: […]}", async () => {
    await fakeWith();
    for (const shape of ["array", "data", "leads"] as const) {
      await clearConnectorData(database.client);
      fake.setShape(shape);
      const result = await run();
      expect([shape, result.status, result.counts.created]).toEqual([shape, "succeeded", 50]);
      expect(await leadCount()).toBe(50);
    }
  });

  it("links leads to existing contacts by phone digits or email, else creates a person", async () => {
    await fakeWith();
    const byPhone = await createContact(
      { kind: "person", firstName: "Known", lastName: "ByPhone", phones: [{ phone: "+91 (900) 000-1002" }] },
      database.client,
    );
    const byEmail = await createContact(
      { kind: "person", firstName: "Known", lastName: "ByEmail", emails: [{ email: "BUYER1004@example.com" }] },
      database.client,
    );
    const result = await run();
    expect(result.counts).toMatchObject({ created: 50, contactsMatched: 2, contactsCreated: 48 });
    const contactOf = async (i: number) =>
      (await database.client.lead.findFirstOrThrow({ where: { phone: generatedLead(spread, i).lead_phone } }))
        .contactId;
    expect(await contactOf(2)).toBe(byPhone.id);
    expect(await contactOf(4)).toBe(byEmail.id);
    expect(await database.client.contact.count()).toBe(50);
  });

  it("backfills --since/--until without moving the cursor", async () => {
    await fakeWith();
    await run({}, { now: () => new Date((t0 + 2 * hour - 1) * 1000) });
    expect(await cursor()).toBe(String(t0 + 2 * hour - 1));
    const backfill = await run({}, { since: t0 + 3 * hour, until: now });
    expect(backfill.counts.windows).toBe(2);
    expect(await cursor()).toBe(String(t0 + 2 * hour - 1));
    const resumed = await run();
    expect(resumed.counts).toMatchObject({ windows: 3, created: resumed.counts.fetched! - backfill.counts.created! });
    expect(await cursor()).toBe(String(now));
    expect(await leadCount()).toBe(50);
  });

  it("writes nothing on a dry run, but counts what it would do", async () => {
    await fakeWith();
    const dry = await run({}, { dryRun: true });
    expect(dry).toMatchObject({ status: "succeeded", dryRun: true });
    expect(dry.counts).toMatchObject({ windows: 5, fetched: 50, created: 50, contactsCreated: 50 });
    expect(await leadCount()).toBe(0);
    expect(await database.client.contact.count()).toBe(0);
    expect(await cursor()).toBeNull();
    expect((await findConnectorRun(dry.runId, database.client))?.dryRun).toBe(true);
    const real = await run();
    expect(real.counts.created).toBe(50);
  });

  it("plans the first run from HOUSING_START_DATE, else from 7 days back; later runs from the cursor less the overlap", () => {
    const at = new Date(now * 1000);
    const config = { apiUrl: "http://x", clientId, apiKey, windowSeconds: hour, pageSize: 1000, overlapSeconds: 600 };
    expect(housingRange(config, { cursor: null, now: at })).toEqual({
      from: now - 7 * 86400,
      to: now,
      backfill: false,
      cursor: null,
    });
    expect(housingRange({ ...config, startDate: t0 }, { cursor: null, now: at }).from).toBe(t0);
    expect(housingRange({ ...config, startDate: t0 }, { cursor: String(t0 + 999), now: at }).from).toBe(t0 + 400);
    // never before HOUSING_START_DATE
    expect(housingRange({ ...config, startDate: t0 }, { cursor: String(t0 + 99), now: at }).from).toBe(t0);
    expect(housingRange({ ...config, overlapSeconds: 0 }, { cursor: String(t0 + 99), now: at }).from).toBe(t0 + 100);
    expect(housingRange(config, { cursor: "5", since: 1, until: now + 999, now: at })).toEqual({
      from: 1,
      to: now,
      backfill: true,
      cursor: 5,
    });
  });
});

describe("Housing.com connector: failures", () => {
  it("retries 500, 500 and succeeds on the 200, signing each attempt afresh", async () => {
    await fakeWith();
    fake.failNext(500, 500);
    let tick = Math.floor(Date.now() / 1000);
    const result = await run({}, {}, { clock: () => tick++ });
    expect(result.status).toBe("succeeded");
    expect(result.counts.created).toBe(50);
    const first = fake.requests.slice(0, 3);
    expect(first.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(first.map((r) => r.query.start_date)).size).toBe(1);
    expect(new Set(first.map((r) => r.query.current_time)).size).toBe(3);
    expect(new Set(first.map((r) => r.query.hash)).size).toBe(3);
  });

  it("retries 429 and timeouts too", async () => {
    await fakeWith();
    fake.failNext({ status: 429, headers: { "retry-after": "0" } });
    const held = fake.hold(t0 + 2 * hour, 1);
    const result = await run({}, {}, { timeoutMs: 300 });
    held.release();
    expect(result.status).toBe("succeeded");
    expect(await leadCount()).toBe(50);
    const third = fake.requests.filter((r) => r.query.start_date === String(t0 + 2 * hour));
    expect(third.length).toBe(2);
  });

  it("fails clearly when the key is always refused (401), without retrying or writing", async () => {
    await fakeWith();
    const result = await run({ apiKey: "wrong-key-000" });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(
      /^unauthorized: Housing\.com refused the request \(401\): the API key \(HOUSING_API_KEY\) was rejected for id 4544, or this server's clock is more than 15 minutes off/,
    );
    expect(result.error).toContain("apiErrors");
    expect(result.error).not.toContain("wrong-key-000");
    expect(result.error).not.toContain(fake.requests[0]!.query.hash!);
    expect(fake.requests).toHaveLength(1);
    expect(await leadCount()).toBe(0);
    expect(await cursor()).toBeNull();
    expect(await findConnectorRun(result.runId, database.client)).toMatchObject({
      status: "failed",
      error: result.error,
    });
  });

  it("is refused (401) when its clock is more than 15 minutes off Housing.com's", async () => {
    await fakeWith({ clockSkewSeconds: 901 });
    expect((await run()).error).toMatch(/\(401\).*clock is more than 15 minutes off/);
  });

  it("shows the parameters sent, hash redacted, on 422", async () => {
    await fakeWith();
    fake.failNext({ status: 422, body: JSON.stringify({ apiErrors: ["start_date is invalid"] }) });
    const result = await run();
    const sent = fake.requests[0]!.query;
    expect(result.error).toBe(
      `bad_request: Housing.com refused the request as malformed (422); parameters sent: start_date=${sent.start_date}&end_date=${sent.end_date}` +
        `&current_time=${sent.current_time}&hash=[redacted]&id=4544&per_page=1000 (apiErrors: ["start_date is invalid"])`,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("fails on a response that is not a list of leads, keeping the windows before it", async () => {
    await fakeWith();
    await run({}, { now: () => new Date((t0 + 2 * hour - 1) * 1000) });
    const before = await leadCount();
    fake.failNext("serve", { status: 200, body: JSON.stringify({ status: "ok" }) });
    const result = await run();
    expect(result.status).toBe("failed");
    expect(result.error).toBe(
      "bad_response: Housing.com's answer for 2026-01-01T03:00:00Z … 2026-01-01T03:59:59Z is not a list of leads: " +
        "expected a JSON array of leads, or an object with a data (or leads) array",
    );
    expect(result.counts.windows).toBe(1);
    expect(await cursor()).toBe(String(t0 + 3 * hour - 1));
    const inThird = fake.requests.at(-2)!;
    expect(inThird.status).toBe(200);
    expect(await leadCount()).toBe(before + result.counts.created!);
    expect(result.counts.created).toBeGreaterThan(0);
    expect(await findConnectorRun(result.runId, database.client)).toMatchObject({
      status: "failed",
      counts: result.counts,
    });
  });

  it("shows the apiErrors of a 200 answer that holds no leads", async () => {
    await fakeWith();
    fake.failNext({ status: 200, body: JSON.stringify({ apiErrors: { id: ["is not a builder profile"] } }) });
    const result = await run();
    expect(result.error).toBe(
      "bad_response: Housing.com's answer for 2026-01-01T00:00:00Z … 2026-01-01T00:59:59Z is not a list of leads: " +
        'expected a JSON array of leads, or an object with a data (or leads) array (apiErrors: {"id":["is not a builder profile"]})',
    );
    expect(await leadCount()).toBe(0);
  });

  it("gives up on a peer it cannot reach, after retrying", async () => {
    await fakeWith();
    const url = fake.url;
    await fake.close();
    const result = await runConnector(connector({ apiUrl: url }), {
      client: database.client,
      retry: fast,
      now: () => new Date(now * 1000),
    });
    expect(result.error).toMatch(
      /^unavailable: cannot reach Housing\.com at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(gave up after 3 attempts\)$/,
    );
  });
});

describe("Housing.com connector: answers cut at per_page", () => {
  const day = t0 + 10 * 86_400; // a day of its own, after every other test's leads
  const busyHour = { count: 2300, from: day + 9 * hour, to: day + 10 * hour - 1, projectId: 88, phoneBase: 200_000 };
  const dayRun = (config: Partial<HousingConfig> = {}) =>
    run(
      { windowSeconds: 86_400, ...config },
      { since: day, until: day + 86_399, now: () => new Date((day + 86_400) * 1000) },
    );
  const identities = async () =>
    (await database.client.lead.findMany({ select: { identityKey: true } })).map((l) => l.identityKey);

  for (const cutOrder of ["newest", "oldest", "shuffled"] as const) {
    it(`imports all 2,300 leads of one busy hour exactly once, splitting full windows (cut ${cutOrder} first)`, async () => {
      await fakeWith({ generated: busyHour, cutOrder });
      const result = await dayRun();
      expect(result).toMatchObject({ status: "succeeded", error: null });
      expect(result.counts).toMatchObject({ fetched: 2300, created: 2300, skipped: 0 });
      expect(result.counts.splits).toBeGreaterThan(0);
      const stored = await identities();
      expect(stored).toHaveLength(2300);
      expect(new Set(stored).size).toBe(2300);
      // Every request asked for Housing's largest page; no answer that filled it was imported.
      expect(fake.requests.every((r) => r.query.per_page === "1000")).toBe(true);
      const imported = fake.requests.filter((r) => r.status === 200).length - result.counts.splits!;
      expect(imported).toBe(result.counts.windows);
      const record = await findConnectorRun(result.runId, database.client);
      expect(record?.counts).toMatchObject({ splits: result.counts.splits, created: 2300 });
    });
  }

  it("splits at a smaller HOUSING_PAGE_SIZE too, down to windows that hold fewer leads than a page", async () => {
    await fakeWith({ generated: busyHour });
    const result = await dayRun({ pageSize: 250 });
    expect(result.counts).toMatchObject({ fetched: 2300, created: 2300 });
    expect(fake.requests.every((r) => r.query.per_page === "250")).toBe(true);
    expect(await leadCount()).toBe(2300);
  });

  it("fails with window_full naming a second that holds a full page, committing nothing of that second", async () => {
    const second = day + 12 * hour + 17;
    const early = { count: 40, from: day + hour, to: day + 2 * hour, projectId: 89, phoneBase: 300_000 };
    await fakeWith({ generated: { count: 1001, from: second, to: second, projectId: 90, phoneBase: 400_000 } });
    fake.setLeads(Array.from({ length: early.count }, (_, i) => generatedLead(early, i)));
    const result = await run(
      { windowSeconds: 6 * hour },
      { since: day, until: day + 86_399, now: () => new Date((day + 86_400) * 1000) },
    );
    expect(result.status).toBe("failed");
    expect(result.error).toBe(
      `window_full: Housing.com answered a full page (1000 leads) for the single second ${second} (${new Date(second * 1000).toISOString()}): ` +
        "it may hold more leads than one request returns, so nothing of that second was imported",
    );
    const atThatSecond = await database.client.lead.count({ where: { leadDate: new Date(second * 1000) } });
    expect(atThatSecond).toBe(0);
    // The windows before it are committed as usual.
    expect(await leadCount()).toBe(40);
    expect(await findConnectorRun(result.runId, database.client)).toMatchObject({
      status: "failed",
      error: result.error,
    });
  });

  it("says to raise HOUSING_PAGE_SIZE when a second fills a smaller page", async () => {
    const second = day + 5;
    await fakeWith({ generated: { count: 30, from: second, to: second, projectId: 91 } });
    const result = await dayRun({ pageSize: 20 });
    expect(result.error).toMatch(
      /^window_full: .* nothing of that second was imported; raise HOUSING_PAGE_SIZE \(now 20, at most 1000\)$/,
    );
  });
});

describe("Housing.com connector: the overlap", () => {
  const late = (seconds: number, phone: string): FakeLead => ({
    lead_name: "Late Lead",
    lead_phone: phone,
    lead_email: null,
    project_id: 12,
    project_name: "Harbour View",
    locality: "Bandra",
    lead_date: String(seconds),
  });

  it("re-reads the hour before its cursor, so a lead Housing publishes 20 minutes late is still imported", async () => {
    await fakeWith();
    const first = await run({ overlapSeconds: 3600 });
    expect(first.counts.created).toBe(50);
    expect(await cursor()).toBe(String(now));

    // Published after the run read past its lead_date.
    fake.addLeads([late(now - 20 * 60, "+91 98000 00001")]);
    const later = now + 5 * 60;
    const asked = fake.requests.length;
    const second = await run({ overlapSeconds: 3600 }, { now: () => new Date(later * 1000) });
    expect(second.status).toBe("succeeded");
    expect(second.counts.created).toBe(1);
    // The leads of the overlapped hour were read again and counted as duplicates.
    expect(second.counts.skipped).toBe(second.counts.fetched! - 1);
    expect(second.counts.skipped).toBeGreaterThan(0);
    expect(Number(fake.requests[asked]!.query.start_date)).toBe(now + 1 - 3600);
    expect(await leadCount()).toBe(51);
    expect(await cursor()).toBe(String(later));
  });

  it("never moves the cursor back while it re-reads, and never starts before HOUSING_START_DATE", async () => {
    await fakeWith();
    await run({ overlapSeconds: 0 }, { now: () => new Date((t0 + 2 * hour - 1) * 1000) });
    expect(await cursor()).toBe(String(t0 + 2 * hour - 1));
    // Windows of 10 minutes re-reading 3 hours: the first ones end before the stored cursor.
    const asked = fake.requests.length;
    const held = fake.hold(t0 + hour, 1);
    const running = run({ overlapSeconds: 3 * hour, windowSeconds: 600 });
    await held.arrived;
    expect(Number(fake.requests[asked]!.query.start_date)).toBe(t0);
    expect(await cursor()).toBe(String(t0 + 2 * hour - 1));
    held.release();
    expect((await running).status).toBe("succeeded");
    expect(await cursor()).toBe(String(now));
    expect(await leadCount()).toBe(50);
  });
});
