// The fake retailCRM must answer lists, keys and limits as the platform does (see the notes at the top
// of retailcrm-server.ts), or the connector's tests prove nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startFakeRetailCrm, type FakeRetailCrm } from "./retailcrm-server";
import { apiGet, listAnswer } from "./retailcrm/test-client";

const key = "ListKey0123456789";
let fake: FakeRetailCrm;
let ids: number[];
let corporateId: number;
beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: [key], rateLimit: false });
  ids = fake.account.seedCustomers(230);
  corporateId = fake.account.addCorporate({
    nickName: "Acme",
    companies: ["Acme LLC", "Acme Trade"],
    contacts: [ids[0]!],
  });
});
afterAll(() => fake.close());

const customers = (params: [string, string][] | Record<string, string> = {}) =>
  apiGet(fake.url, "/api/v5/customers", params, key);
const idsOf = (body: unknown) =>
  listAnswer("customers")
    .parse(body)
    .customers.map((c) => c.id);

describe("fake retailCRM: customer lists", () => {
  it("answers {success, pagination, customers}, 20 a page when no limit is given, newest first", async () => {
    const { status, body } = await customers();
    expect(status).toBe(200);
    const answer = listAnswer("customers").parse(body);
    expect(answer.pagination).toEqual({ limit: 20, totalCount: 230, currentPage: 1, totalPageCount: 12 });
    expect(answer.customers.map((c) => c.id)).toEqual([...ids].reverse().slice(0, 20));
  });

  it("gives each customer once over pages 1..totalPageCount, and an empty list past the end", async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++)
      seen.push(...idsOf((await customers({ limit: "100", page: String(page) })).body));
    expect(seen.sort((a, b) => a - b)).toEqual(ids);
    const past = listAnswer("customers").parse((await customers({ limit: "100", page: "4" })).body);
    expect(past).toMatchObject({ customers: [], pagination: { currentPage: 4, totalPageCount: 3, totalCount: 230 } });
  });

  it("shows a customer with its fields, phones as {number}, and [] for empty custom fields", async () => {
    const [first] = listAnswer("customers").parse(
      (await customers({ "filter[ids][]": String(ids[0]) })).body,
    ).customers;
    expect(first).toMatchObject({
      type: "customer",
      id: ids[0],
      isContact: true, // the contact person of Acme
      firstName: "First0",
      lastName: "Last0",
      email: "customer0@example.test",
      phones: [{ number: "+79000000000" }],
      site: "fake-shop",
      customFields: [],
    });
    expect(first!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("accepts limit 20, 50 and 100 only; anything else is a 400 naming limit", async () => {
    for (const limit of ["20", "50", "100"]) expect((await customers({ limit })).status).toBe(200);
    for (const limit of ["250", "300", "10", "0", "-20", "abc", ""]) {
      const { status, body } = await customers({ limit });
      expect([limit, status]).toEqual([limit, 400]);
      expect(body).toMatchObject({
        success: false,
        errorMsg: "Errors in the input parameters",
        errors: { limit: expect.any(String) },
      });
    }
    expect((await customers({ page: "0" })).status).toBe(400);
  });

  it("selects by filter[ids][] or PHP's filter[ids][0], ignores unknown ids, refuses ids that are not numbers", async () => {
    const wanted = [ids[5]!, ids[17]!, 999_999];
    const brackets = await customers(wanted.map((id): [string, string] => ["filter[ids][]", String(id)]));
    expect(idsOf(brackets.body).sort((a, b) => a - b)).toEqual([ids[5], ids[17]]);
    const indexed = await customers(wanted.map((id, i): [string, string] => [`filter[ids][${i}]`, String(id)]));
    expect(idsOf(indexed.body).sort((a, b) => a - b)).toEqual([ids[5], ids[17]]);
    expect(listAnswer("customers").parse(brackets.body).pagination.totalCount).toBe(2);
    expect((await customers({ "filter[ids][]": "x" })).status).toBe(400);
  });

  it("no longer lists a deleted customer, even by id", async () => {
    const gone = fake.account.addCustomer({ firstName: "Gone" });
    expect(idsOf((await customers({ "filter[ids][]": String(gone) })).body)).toEqual([gone]);
    fake.account.deleteCustomer(gone);
    expect(idsOf((await customers({ "filter[ids][]": String(gone) })).body)).toEqual([]);
  });

  it("lists corporate customers under customersCorporate with nickName, mainCompany and main contact only", async () => {
    const { body } = await apiGet(fake.url, "/api/v5/customers-corporate", {}, key);
    const answer = listAnswer("customersCorporate").parse(body);
    expect(answer.pagination).toEqual({ limit: 20, totalCount: 1, currentPage: 1, totalPageCount: 1 });
    const [acme] = answer.customersCorporate;
    expect(acme).toMatchObject({
      type: "customer_corporate",
      id: corporateId,
      nickName: "Acme",
      mainCompany: { id: expect.any(Number), name: "Acme LLC" },
      mainCustomerContact: { id: expect.any(Number), customer: { id: ids[0] } },
    });
    expect(acme).not.toHaveProperty("companies");
    expect(acme).not.toHaveProperty("phones");
  });

  it("numbers individual and corporate customers from one sequence", () => {
    expect(corporateId).toBe(ids.at(-1)! + 1);
  });

  it("lists oldest first when asked to, and answers totalPageCount 0 for an empty account", async () => {
    const other = await startFakeRetailCrm({ apiKeys: [key], listOrder: "oldest-first" });
    try {
      const empty = listAnswer("customers").parse((await apiGet(other.url, "/api/v5/customers", {}, key)).body);
      expect(empty.pagination).toEqual({ limit: 20, totalCount: 0, currentPage: 1, totalPageCount: 0 });
      const [a, b] = [other.account.addCustomer(), other.account.addCustomer()];
      expect(idsOf((await apiGet(other.url, "/api/v5/customers", {}, key)).body)).toEqual([a, b]);
    } finally {
      await other.close();
    }
  });

  it("answers an unknown method 404 and a POST to a read method 405", async () => {
    expect(await apiGet(fake.url, "/api/v5/customers/nothing", {}, key)).toMatchObject({
      status: 404,
      body: { success: false, errorMsg: "API method not found" },
    });
    const post = await fetch(`${fake.url}/api/v5/customers`, { method: "POST", headers: { "x-api-key": key } });
    expect(post.status).toBe(405);
  });
});

describe("fake retailCRM: keys and rights", () => {
  it("takes the key from X-API-KEY or the apiKey parameter, and records which", async () => {
    const before = fake.requests.length;
    expect((await customers()).status).toBe(200);
    expect((await apiGet(fake.url, "/api/v5/customers", {}, key, "query")).status).toBe(200);
    expect(fake.requests.slice(before).map((r) => [r.keyVia, r.status])).toEqual([
      ["header", 200],
      ["query", 200],
    ]);
  });

  it("answers 403 with the platform's messages (key missing, unknown, revoked; right missing); /api/credentials tells the rights", async () => {
    const other = await startFakeRetailCrm({ apiKeys: ["Revoked0123456789"] });
    try {
      other.addApiKey("NoCustomers0123456", ["integration_read", "integration_write"]);
      other.revokeApiKey("Revoked0123456789");
      const ask = (k?: string) => apiGet(other.url, "/api/v5/customers/history", {}, k);
      expect(await ask()).toMatchObject({ status: 403, body: { success: false, errorMsg: '"apiKey" is missing.' } });
      expect(await ask("Unknown0123456789")).toMatchObject({
        status: 403,
        body: { errorMsg: 'Wrong "apiKey" value.' },
      });
      expect(await ask("Revoked0123456789")).toMatchObject({
        status: 403,
        body: { errorMsg: 'Wrong "apiKey" value.' },
      });
      expect(await ask("NoCustomers0123456")).toMatchObject({ status: 403, body: { errorMsg: "Access denied." } });
      expect(await apiGet(other.url, "/api/credentials", {}, "NoCustomers0123456")).toMatchObject({
        status: 200,
        body: { success: true, scopes: ["integration_read", "integration_write"], siteAccess: "access_full" },
      });
      expect((await apiGet(other.url, "/api/credentials", {}, "Revoked0123456789")).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe("fake retailCRM: 10 requests a second per key, and injected faults", () => {
  let limited: FakeRetailCrm;
  const clock = manualClock();
  beforeAll(async () => {
    limited = await startFakeRetailCrm({ apiKeys: ["KeyA0123456789", "KeyB0123456789"], now: clock.now });
  });
  afterAll(() => limited.close());
  afterEach(() => limited.clearFaults());
  const ask = (k = "KeyA0123456789", path = "/api/v5/customers") => apiGet(limited.url, path, {}, k);

  it("answers the 11th request within a second 503, an HTML page without Retry-After; another key is not held", async () => {
    clock.advance(5_000);
    for (let i = 0; i < 10; i++) expect((await ask()).status).toBe(200);
    const refused = await ask("KeyA0123456789", "/api/v5/customers-corporate/history");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/text\/html/);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(refused.body).toBeUndefined(); // not JSON
    expect((await ask("KeyB0123456789")).status).toBe(200);
  });

  it("lets requests through again once the second has passed; refused requests use up nothing", async () => {
    clock.advance(5_000);
    for (let i = 0; i < 10; i++) await ask();
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(503);
    clock.advance(999);
    expect((await ask()).status).toBe(503);
    clock.advance(1);
    for (let i = 0; i < 10; i++) expect((await ask()).status).toBe(200);
  });

  it("answers injected faults to the next requests (with Retry-After when given), then answers normally", async () => {
    clock.advance(5_000);
    limited.inject({ times: 2, status: 503, retryAfter: "2", body: "busy", contentType: "text/plain" });
    limited.inject({ status: 502 });
    const answers = [await ask(), await ask(), await ask(), await ask()];
    expect(answers.map((a) => a.status)).toEqual([503, 503, 502, 200]);
    expect(answers[0]!.headers.get("retry-after")).toBe("2");
    expect(answers[0]!.text).toBe("busy");
  });

  it("injects a fault on matching paths only", async () => {
    clock.advance(5_000);
    limited.inject({ path: /\/history$/, status: 500, times: 5 });
    expect((await ask()).status).toBe(200);
    expect((await ask("KeyA0123456789", "/api/v5/customers/history")).status).toBe(500);
  });

  it("holds an answer back for a delay, or never answers", async () => {
    clock.advance(5_000);
    limited.inject({ path: /corporate$/, delayMs: 1_500 });
    limited.inject({ path: /\/customers\/history$/, hang: true });
    const settled = new Set<string>();
    const delayed = ask("KeyA0123456789", "/api/v5/customers-corporate").then((a) => (settled.add("delayed"), a));
    const hung = ask("KeyA0123456789", "/api/v5/customers/history").then(
      () => settled.add("hung"),
      () => settled.add("hung"),
    );
    expect((await ask()).status).toBe(200);
    expect(settled.size).toBe(0); // a plain request was answered while both others wait
    expect((await delayed).status).toBe(200);
    expect(settled.has("hung")).toBe(false);
    limited.clearFaults();
    await limited.close(); // ends the hung request's socket
    await hung;
    limited = await startFakeRetailCrm({ apiKeys: ["KeyA0123456789", "KeyB0123456789"], now: clock.now });
  });
});
