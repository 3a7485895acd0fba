// The CRM.COM connector against a faithful fake Back-Office (tests/fakes/crmcom-server.ts)
// and a real database of its own: paging, upserts, matching, invalid records, re-runs,
// resuming, dry runs. Authentication and failures are in client.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeCrmcom, type FakeCrmcomOptions, contactsPath, startFakeCrmcom } from "@/tests/fakes/crmcom-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { inThisProcess, runConnector, type RunSettings } from "@/lib/connectors/run";
import { ConnectorError } from "@/lib/connectors/errors";
import { findConnectorState } from "@/lib/db/connector-state";
import { findConnectorRun, listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { loadEnv } from "@/lib/env";
import { findConnectorEntry } from "@/lib/connectors/registry";
import { runConnectorNow } from "@/lib/connectors/run-now";
import { createContact } from "@/lib/db/contacts";
import { searchContacts } from "@/lib/db/contact-search";
import { sqlOf } from "@/lib/db/driver";
import { type CrmcomConfig, crmcomConnector } from "./connector";
import { parseSweepCursor } from "./cursor";

const database = useOwnDatabase();
const secretKey = "sk-crmcom-test-5d1e8a";
const t0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const fast = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

/** A CRM.COM person updated at t0 + i seconds, its date in one of CRM.COM's three forms. */
function person(i: number, more: Record<string, unknown> = {}) {
  const at = t0 + i;
  return {
    id: `p-${String(i).padStart(4, "0")}`,
    contact_type: "PERSON",
    first_name: `Ana${i}`,
    last_name: "López",
    email_address: `Ana${i}@Example.com`,
    phones: [{ number: `+357 99 ${String(100000 + i)}`, country_code: "CYP", phone_type: "MOBILE", is_primary: true }],
    updated_date: i % 3 === 0 ? at : i % 3 === 1 ? at * 1000 : new Date(at * 1000).toISOString(),
    loyalty_tier: "silver",
    ...more,
  };
}

function company(i: number, more: Record<string, unknown> = {}) {
  return {
    id: `b-${String(i).padStart(4, "0")}`,
    contact_type: "COMPANY",
    company_name: `Acme ${i} Ltd`,
    email_address: `office${i}@acme.example`,
    phones: [{ number: `+357 22 ${String(200000 + i)}`, phone_type: "LANDLINE", is_primary: false }],
    updated_date: t0 + i,
    ...more,
  };
}

/** 40 people, 10 companies and 5 malformed records, in update order: 55 records, 6 pages of 10. */
function catalogue() {
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < 55; i++) {
    if (i % 11 === 5)
      records.push(i % 2 ? person(i, { email_address: "no-at-sign" }) : company(i, { company_name: null }));
    else records.push(i % 5 === 4 ? company(i) : person(i));
  }
  return records;
}
const invalidIds = ["p-0005", "b-0016", "p-0027", "b-0038", "p-0049"];

let fake: FakeCrmcom;
/** What the fake does before serving a page (set by a test). */
let beforePage: ((page: number) => Promise<void>) | undefined;
async function fakeWith(options: Partial<FakeCrmcomOptions> = {}) {
  fake = await startFakeCrmcom({
    contacts: catalogue(),
    secretKeys: [secretKey],
    publicKeys: ["pk-public-1"],
    beforePage: (page) => beforePage?.(page),
    ...options,
  });
  return fake;
}

/** Pages of 10; by default one page per transaction, so that tests can stop a run between pages. */
function run(
  settings: RunSettings = {},
  options: { contactsPerUnit?: number } = {},
  config: Partial<CrmcomConfig> = {},
) {
  const connector = crmcomConnector(
    { apiUrl: fake.url, auth: { kind: "apiKey", apiKey: secretKey }, pageSize: 10, ...config },
    { timeoutMs: 5000, contactsPerUnit: 10, ...options },
  );
  return runConnector(connector, { client: database.client, retry: fast, ...settings });
}

const cursor = async () => parseSweepCursor((await findConnectorState("crmcom", database.client))?.cursor ?? null);
const pagesAsked = () => fake.contactsRequests().map((r) => r.page);
const linkedContact = (externalId: string) =>
  database.client.externalRef.findUniqueOrThrow({
    where: { system_externalId: { system: "crmcom", externalId } },
    include: { contact: { include: { emails: { orderBy: { id: "asc" } }, phones: { orderBy: { id: "asc" } } } } },
  });

async function expectEveryContactOnce(valid: number) {
  const refs = await database.client.externalRef.findMany({
    where: { system: "crmcom" },
    select: { externalId: true, contactId: true },
  });
  expect(refs).toHaveLength(valid);
  expect(new Set(refs.map((r) => r.contactId)).size).toBe(valid);
}

beforeEach(() => clearConnectorData(database.client));
afterEach(() => fake?.close());

describe("CRM.COM connector: importing", () => {
  it("imports people and companies over many pages, counting and listing malformed records", async () => {
    await fakeWith();
    const result = await run();
    expect(result).toMatchObject({ status: "succeeded", error: null });
    expect(result.counts).toEqual({
      batches: 6,
      pages: 6,
      fetched: 55,
      created: 50,
      updated: 0,
      unchanged: 0,
      invalid: 5,
      linked: 0,
    });
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fake.contactsRequests().every((r) => r.size === 10 && r.auth === "key" && r.status === 200)).toBe(true);
    expect(await database.client.contact.count({ where: { kind: "person" } })).toBe(40);
    expect(await database.client.contact.count({ where: { kind: "company" } })).toBe(10);
    await expectEveryContactOnce(50);

    const ana = await linkedContact("p-0001");
    expect(ana.sourceUpdatedAt?.getTime()).toBe((t0 + 1) * 1000);
    expect(ana.contact).toMatchObject({
      kind: "person",
      firstName: "Ana1",
      lastName: "López",
      displayName: "Ana1 López",
      searchName: "ana1 lopez",
    });
    expect(ana.contact.emails.map((e) => [e.email, e.emailLower, e.isPrimary])).toEqual([
      ["Ana1@Example.com", "ana1@example.com", true],
    ]);
    expect(ana.contact.phones.map((p) => [p.phone, p.digits, p.type, p.isPrimary])).toEqual([
      ["+357 99 100001", "35799100001", "mobile", true],
    ]);
    const acme = await linkedContact("b-0004");
    expect(acme.contact).toMatchObject({
      kind: "company",
      displayName: "Acme 4 Ltd",
      searchName: "acme 4 ltd",
      firstName: null,
    });
    expect(acme.contact.phones.map((p) => [p.digits, p.type, p.isPrimary])).toEqual([
      ["35722200004", "landline", true],
    ]);
    expect(acme.sourceUpdatedAt?.toISOString()).toBe("2026-01-01T00:00:04.000Z");
    // What agents look up in the Sure Send and SocialSignIn views finds them.
    const search = (q: string) => searchContacts(q, { sql: sqlOf(database.client) });
    expect((await search("ana1 lopez")).map((r) => r.id)).toContain(ana.contactId);
    expect((await search("office4@acme")).map((r) => r.id)).toContain(acme.contactId);
    expect((await search("99100001")).map((r) => r.id)).toContain(ana.contactId);

    expect(result.problems.total).toBe(5);
    expect(result.problems.shown.map((line) => line.split(":")[0])).toEqual(invalidIds);
    expect(result.problems.shown[0]).toBe("p-0005: email_address: Invalid email address");
    const record = await findConnectorRun(result.runId, database.client);
    expect(record).toMatchObject({ status: "succeeded", counts: result.counts });
    expect(record?.error?.split("\n")).toEqual([
      "5 records not imported:",
      ...result.problems.shown.map((line) => `  ${line}`),
    ]);
    expect(await cursor()).toEqual({ page: 0, mark: new Date((t0 + 54) * 1000) });
  });

  it("changes nothing when run again", async () => {
    await fakeWith();
    await run();
    const before = await database.client.contact.findMany({
      orderBy: { id: "asc" },
      include: { emails: true, phones: true },
    });
    const again = await run();
    expect(again.counts).toEqual({
      batches: 6,
      pages: 6,
      fetched: 55,
      created: 0,
      updated: 0,
      unchanged: 50,
      invalid: 5,
      linked: 0,
    });
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    const after = await database.client.contact.findMany({
      orderBy: { id: "asc" },
      include: { emails: true, phones: true },
    });
    expect(after).toEqual(before);
  });

  it("updates a contact CRM.COM updated, and skips a copy that is not newer", async () => {
    await fakeWith();
    await run();
    const before = await linkedContact("p-0002");
    fake.putContact(
      person(2, {
        first_name: "Ana María",
        email_address: "ana.maria@example.com",
        phones: [
          { number: "+357 99 100002", is_primary: false },
          { number: "+357 96 555000", phone_type: "WORK", is_primary: true },
        ],
        updated_date: new Date((t0 + 100) * 1000).toISOString(),
      }),
    );
    // Same time as stored, other content: CRM.COM did not update it, so it is not taken.
    fake.putContact(person(3, { first_name: "Stale" }));
    fake.putContact(company(4, { company_name: "Acme Holdings", updated_date: (t0 + 101) * 1000 }));
    const result = await run();
    expect(result.counts).toMatchObject({ fetched: 55, created: 0, updated: 2, unchanged: 48, invalid: 5 });

    const ana = await linkedContact("p-0002");
    expect(ana.contactId).toBe(before.contactId);
    expect(ana.sourceUpdatedAt?.getTime()).toBe((t0 + 100) * 1000);
    expect(ana.contact).toMatchObject({
      firstName: "Ana María",
      displayName: "Ana María López",
      searchName: "ana maria lopez",
    });
    expect(ana.contact.updatedAt.getTime()).toBeGreaterThan(before.contact.updatedAt.getTime());
    // Added and made primary; what the contact had stays (it may have come from elsewhere).
    expect(ana.contact.emails.map((e) => [e.emailLower, e.isPrimary])).toEqual([
      ["ana2@example.com", false],
      ["ana.maria@example.com", true],
    ]);
    expect(ana.contact.phones.map((p) => [p.digits, p.type, p.isPrimary])).toEqual([
      ["35799100002", "mobile", false],
      ["35796555000", "work", true],
    ]);
    const search = (q: string) => searchContacts(q, { sql: sqlOf(database.client) });
    expect((await search("ana maria lopez")).map((r) => r.id)).toEqual([ana.contactId]);
    expect((await search("ana2 lopez")).map((r) => r.id)).not.toContain(ana.contactId);
    expect((await search("96555000")).map((r) => r.id)).toEqual([ana.contactId]);
    expect((await linkedContact("p-0003")).contact.firstName).toBe("Ana3");
    expect((await linkedContact("b-0004")).contact).toMatchObject({
      displayName: "Acme Holdings",
      searchName: "acme holdings",
    });
    await expectEveryContactOnce(50);
  });

  it("links a new CRM.COM contact to an existing contact of its kind with the same email or phone digits", async () => {
    await fakeWith();
    const byEmail = await createContact(
      { kind: "person", firstName: "Known", emails: [{ email: "ANA1@example.com", isPrimary: true }] },
      database.client,
    );
    const byPhone = await createContact(
      {
        kind: "person",
        firstName: "Lead",
        phones: [{ phone: "35799100002", isPrimary: true }],
        emails: [{ email: "lead@elsewhere.example", isPrimary: true }],
      },
      database.client,
    );
    // A person with a company's phone is not that company.
    await createContact(
      { kind: "person", firstName: "Receptionist", phones: [{ phone: "+357 22 200004" }] },
      database.client,
    );
    const result = await run();
    expect(result.counts).toMatchObject({ created: 48, updated: 2, linked: 2 });
    expect(await database.client.contact.count()).toBe(51);

    const one = await linkedContact("p-0001");
    expect(one.contactId).toBe(byEmail.id);
    expect(one.contact).toMatchObject({ firstName: "Ana1", lastName: "López" });
    expect(one.contact.emails.map((e) => [e.email, e.isPrimary])).toEqual([["ANA1@example.com", true]]);
    expect(one.contact.phones.map((p) => p.digits)).toEqual(["35799100001"]);
    const two = await linkedContact("p-0002");
    expect(two.contactId).toBe(byPhone.id);
    expect(two.contact.emails.map((e) => [e.emailLower, e.isPrimary]).sort()).toEqual([
      ["ana2@example.com", true],
      ["lead@elsewhere.example", false],
    ]);
    expect((await linkedContact("b-0004")).contact.kind).toBe("company");

    // A second CRM.COM contact with the same email gets its own contact, not the linked one.
    fake.putContact(person(60, { id: "p-dupe", email_address: "ana1@example.com", phones: [] }));
    const next = await run();
    expect(next.counts).toMatchObject({ created: 1, linked: 0 });
    expect((await linkedContact("p-dupe")).contactId).not.toBe(byEmail.id);
  });

  it("reads a bare array, stopping at the first short page", async () => {
    await fakeWith({ shape: "array" });
    const result = await run();
    expect(result.counts).toMatchObject({ pages: 6, fetched: 55, created: 50 });
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5, 6]);
    fake.setContacts(catalogue().slice(0, 50));
    const exact = await run();
    // 50 records in pages of 10: the empty sixth page says it is over.
    expect(exact.counts).toMatchObject({ pages: 6, fetched: 50, unchanged: 45, invalid: 5 });
  });

  it("writes nothing on a dry run, but counts what it would do", async () => {
    await fakeWith();
    const dry = await run({ dryRun: true });
    expect(dry).toMatchObject({ status: "succeeded", dryRun: true });
    expect(dry.counts).toEqual({
      batches: 6,
      pages: 6,
      fetched: 55,
      created: 50,
      updated: 0,
      unchanged: 0,
      invalid: 5,
      linked: 0,
    });
    expect(await database.client.contact.count()).toBe(0);
    expect(await database.client.externalRef.count()).toBe(0);
    expect((await findConnectorState("crmcom", database.client))?.cursor ?? null).toBeNull();
    const record = await findConnectorRun(dry.runId, database.client);
    expect(record).toMatchObject({ dryRun: true, counts: dry.counts });
    expect(record?.error).toMatch(/^5 records not imported:/);
    expect((await run()).counts.created).toBe(50);
  });
});

describe("CRM.COM connector: batches of pages", () => {
  it("saves several pages per transaction, the cursor at the last page of each batch", async () => {
    await fakeWith();
    const labels: string[] = [];
    const cursors: string[] = [];
    const result = await run(
      {
        onProgress: (event) => {
          if (event.type !== "unit") return;
          labels.push(`${event.done}/${event.totalUnits} ${event.label} pages ${event.unit.pages}`);
          void findConnectorState("crmcom", database.client).then((state) => cursors.push(state?.cursor ?? ""));
        },
      },
      { contactsPerUnit: 25 },
    );
    expect(result.counts).toMatchObject({ batches: 3, pages: 6, fetched: 55, created: 50, invalid: 5 });
    expect(labels).toEqual([
      "1/3 CRM.COM pages 1–2, updated 2026-01-01T00:00:00Z … 2026-01-01T00:00:19Z pages 2",
      "2/3 CRM.COM pages 3–4, updated 2026-01-01T00:00:20Z … 2026-01-01T00:00:39Z pages 2",
      "3/3 CRM.COM pages 5–6, updated 2026-01-01T00:00:40Z … 2026-01-01T00:00:54Z pages 2",
    ]);
    await expect.poll(() => cursors.length).toBe(3);
    expect(cursors.map((c) => (JSON.parse(c) as { page: number }).page)).toEqual([2, 4, 0]);
  });

  it("keeps the pages of a batch read before a failure, and reads only the failed one again", async () => {
    await fakeWith();
    fake.failNext("serve", 503);
    const result = await run({}, { contactsPerUnit: 1000 });
    expect(result).toMatchObject({ status: "succeeded", counts: { batches: 1, pages: 6, created: 50 } });
    expect(fake.contactsRequests().map((r) => `${r.page} ${r.status}`)).toEqual([
      "1 200",
      "2 503",
      "2 200",
      "3 200",
      "4 200",
      "5 200",
      "6 200",
    ]);
  });
});

describe("CRM.COM connector: resuming a stopped run", () => {
  /**
   * Runs until `pages` pages are committed and the next one is asked for, then stops the
   * run (as Ctrl-C would) while CRM.COM holds that page; then forgets the requests so far.
   */
  async function stoppedAfter(pages: number) {
    const stop = new AbortController();
    let committed = () => {};
    const done = new Promise<void>((resolve) => (committed = resolve));
    beforePage = async (page) => {
      if (page !== pages + 1) return;
      await done;
      stop.abort(new ConnectorError("interrupted", "stopped by the test"));
    };
    const result = await run({
      signal: stop.signal,
      onProgress: (event) => {
        if (event.type === "unit" && event.done === pages) committed();
      },
    });
    beforePage = undefined;
    expect(result).toMatchObject({ status: "failed", error: "interrupted: stopped by the test" });
    fake.log.length = 0;
    return result;
  }

  it("resumes at the last committed page and ends with every contact once", async () => {
    await fakeWith();
    const first = await stoppedAfter(3);
    expect(await cursor()).toEqual({ page: 3, mark: new Date((t0 + 29) * 1000) });
    expect(first.counts.pages).toBe(3);
    const second = await run();
    expect(second.status).toBe("succeeded");
    expect(pagesAsked()).toEqual([3, 4, 5, 6]);
    expect(second.counts).toMatchObject({ pages: 4, fetched: 35, unchanged: 9, created: 50 - first.counts.created! });
    await expectEveryContactOnce(50);
    expect(await cursor()).toEqual({ page: 0, mark: new Date((t0 + 54) * 1000) });
    fake.log.length = 0;
    await run();
    expect(pagesAsked()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("takes the contacts that moved onto the committed page while it was stopped", async () => {
    await fakeWith();
    await stoppedAfter(3);
    // Two contacts of page 1 updated meanwhile: they move to the end, the rest moves up by two.
    fake.putContact(person(1, { first_name: "Moved", updated_date: t0 + 500 }));
    fake.putContact(person(2, { first_name: "Moved", updated_date: t0 + 501 }));
    const second = await run();
    expect(pagesAsked()).toEqual([3, 4, 5, 6]);
    expect(second.counts).toMatchObject({ updated: 2 });
    await expectEveryContactOnce(50);
    expect((await linkedContact("p-0002")).contact.firstName).toBe("Moved");
  });

  it("starts the sweep over when the list moved by more than a page", async () => {
    await fakeWith();
    await stoppedAfter(2);
    const moved = catalogue()
      .slice(0, 22)
      .map((r, i) => ({ ...r, updated_date: t0 + 1000 + i }));
    for (const record of moved) fake.putContact(record);
    const second = await run();
    expect(second.status).toBe("succeeded");
    expect(pagesAsked()).toEqual([2, 1, 2, 3, 4, 5, 6]);
    expect(second.counts.pages).toBe(6);
    await expectEveryContactOnce(50);
  });
});

describe("CRM.COM connector: from the configuration", () => {
  it("is registered: Run now (the admin Sync page) runs it, and CRMCOM_POLL_SECONDS makes the server poll", async () => {
    await fakeWith();
    const config = loadEnv({
      CRMCOM_API_URL: fake.url,
      CRMCOM_SECRET_KEY: secretKey,
      CRMCOM_PAGE_SIZE: "10",
      CRMCOM_POLL_SECONDS: "300",
    });
    expect(findConnectorEntry("crmcom")?.pollSeconds(config)).toBe(300);
    const started = await runConnectorNow("crmcom", { config, launch: inThisProcess({ client: database.client }) });
    expect(started).toMatchObject({ started: true });
    await expect
      .poll(async () => (await listRecentConnectorRuns({ connector: "crmcom" }, database.client))[0]?.status)
      .toBe("succeeded");
    const [record] = await listRecentConnectorRuns({ connector: "crmcom" }, database.client);
    expect(record).toMatchObject({
      id: started.started ? started.runId : "",
      counts: { pages: 6, created: 50, invalid: 5 },
    });

    const asUser = loadEnv({ CRMCOM_API_URL: fake.url, CRMCOM_USERNAME: "u@example.com", CRMCOM_PASSWORD: "pw" });
    expect(asUser.crmcom).toMatchObject({
      enabled: true,
      config: { auth: { kind: "user", username: "u@example.com" }, pageSize: 100 },
    });
    expect(await runConnectorNow("crmcom", { config: loadEnv({ CRMCOM_USERNAME: "u@example.com" }) })).toEqual({
      started: false,
      reason:
        "the crmcom connector is disabled: set CRMCOM_SECRET_KEY (or CRMCOM_USERNAME and CRMCOM_PASSWORD) to enable it",
    });
  });
});

describe("CRM.COM connector: arguments", () => {
  it("takes no --since / --until", async () => {
    await fakeWith();
    await expect(run({ since: t0 })).rejects.toThrow(/takes no --since/);
    expect(fake.log).toHaveLength(0);
    expect(contactsPath).toBe("/backoffice/v1/contacts");
  });
});
