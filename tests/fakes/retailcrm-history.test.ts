// The fake retailCRM's histories must read as the platform's do (see the notes at the top of
// retailcrm-server.ts): one record per changed field, ascending ids, sinceId exclusive, dates inclusive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock, startFakeRetailCrm, type FakeRetailCrm } from "./retailcrm-server";
import { apiGet, historyAnswer, type HistoryRecord } from "./retailcrm/test-client";

const key = "HistoryKey0123456789";
const otherKey = "OtherKey0123456789";
const clock = manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
let fake: FakeRetailCrm;
beforeAll(async () => {
  // Moscow time, as many accounts keep it: dates are written without an offset
  fake = await startFakeRetailCrm({
    apiKeys: [key, otherKey],
    now: clock.now,
    utcOffsetMinutes: 180,
    rateLimit: false,
  });
});
afterAll(() => fake.close());

const history = async (kind: "customers" | "customers-corporate", params: Record<string, string> = {}) => {
  const { status, body } = await apiGet(fake.url, `/api/v5/${kind}/history`, params, key);
  expect(status).toBe(200);
  return historyAnswer.parse(body);
};
const after = async (kind: "customers" | "customers-corporate", sinceId: number) =>
  (await history(kind, { "filter[sinceId]": String(sinceId), limit: "100" })).history;
const slim = (r: HistoryRecord) => [r.field, r.oldValue, r.newValue];

describe("fake retailCRM: customers history", () => {
  it("writes a created record with the whole customer, then one record per changed field", async () => {
    const start = fake.account.lastRecordId();
    const id = fake.account.addCustomer({
      firstName: "Ivan",
      lastName: "Petrov",
      email: "ivan@example.test",
      phones: ["111"],
    });
    clock.advance(1_000);
    fake.account.updateCustomer(id, {
      firstName: "Ivan",
      lastName: "Sidorov",
      patronymic: "Ivanovich",
      phones: ["111", "222"],
    });
    fake.account.updateCustomer(id, { email: "new@example.test", phones: ["222"], externalId: "shop-7" });
    const records = await after("customers", start);
    expect(records[0]).toMatchObject({
      created: true,
      source: "user",
      user: { id: 1 },
      field: "id",
      oldValue: null,
      newValue: id,
      createdAt: "2026-01-15 12:00:00",
      customer: { type: "customer", id, firstName: "Ivan", lastName: "Petrov", phones: [{ number: "111" }] },
    });
    expect(records.slice(1).map(slim)).toEqual([
      ["last_name", "Petrov", "Sidorov"],
      ["patronymic", null, "Ivanovich"],
      ["phones", null, "222"],
      ["email", "ivan@example.test", "new@example.test"],
      ["external_id", null, "shop-7"],
      ["phones", "111", null],
    ]);
    expect(records[1]!.customer).toEqual({ id, site: "fake-shop" });
    expect(records.at(-1)!.customer).toEqual({ id, externalId: "shop-7", site: "fake-shop" });
    expect(records[1]!.createdAt).toBe("2026-01-15 12:00:01");
    const recordIds = records.map((r) => r.id);
    expect(recordIds).toEqual([...recordIds].sort((a, b) => a - b));
  });

  it("writes a deleted record holding the customer as it was", async () => {
    const id = fake.account.addCustomer({ firstName: "Old", email: "old@example.test" });
    const start = fake.account.lastRecordId();
    fake.account.deleteCustomer(id);
    const [deleted, ...rest] = await after("customers", start);
    expect(rest).toEqual([]);
    expect(deleted).toMatchObject({
      deleted: true,
      field: "id",
      oldValue: id,
      newValue: null,
      customer: { id, firstName: "Old", email: "old@example.test" },
    });
  });

  it("writes segment changes by code, and a merge as deletions naming the customer that stays", async () => {
    const [a, b, c] = [fake.account.addCustomer(), fake.account.addCustomer(), fake.account.addCustomer()];
    const start = fake.account.lastRecordId();
    fake.account.changeSegment(a, "vip", true);
    fake.account.combineCustomers([b, c], a);
    const [segment, ...merged] = await after("customers", start);
    expect(segment).toMatchObject({ source: "code", field: "segments", oldValue: null, newValue: { code: "vip" } });
    expect(segment).not.toHaveProperty("user");
    expect(merged.map((r) => [r.deleted, r.oldValue, r.combinedTo?.id])).toEqual([
      [true, b, a],
      [true, c, a],
    ]);
    const listed = await apiGet(
      fake.url,
      "/api/v5/customers",
      [a, b, c].map((id): [string, string] => ["filter[ids][]", String(id)]),
      key,
    );
    expect(listed.body).toMatchObject({ customers: [{ id: a }], pagination: { totalCount: 1 } });
  });

  it("says which API key made a change (apiKey.current), and shows changes by code without a user", async () => {
    const start = fake.account.lastRecordId();
    const id = fake.account.addCustomer({ firstName: "A" }, { source: "api", apiKey: key });
    fake.account.updateCustomer(id, { firstName: "B" }, { source: "api", apiKey: otherKey });
    fake.account.updateCustomer(id, { firstName: "C" }, { source: "code" });
    const [mine, theirs, code] = await after("customers", start);
    expect(mine).toMatchObject({ source: "api", apiKey: { current: true } });
    expect(theirs).toMatchObject({ source: "api", apiKey: { current: false } });
    expect(code!.source).toBe("code");
    for (const r of [mine, theirs, code]) expect(r).not.toHaveProperty("user");
    expect(code).not.toHaveProperty("apiKey");
  });
});

describe("fake retailCRM: paging and filtering a history", () => {
  let first: number;
  let ids: number[];
  beforeAll(() => {
    first = fake.account.lastRecordId();
    ids = fake.account.seedCustomers(250);
  });

  it("starts after sinceId (exclusive), gives totalCount, and 20 records when no limit is given", async () => {
    const answer = await history("customers", { "filter[sinceId]": String(first) });
    expect(answer.history).toHaveLength(20);
    expect(answer.history[0]!.id).toBe(first + 1);
    expect(answer.pagination).toEqual({ limit: 20, totalCount: 250, currentPage: 1, totalPageCount: 13 });
  });

  it("gives every record once to a client that moves sinceId until currentPage reaches totalPageCount", async () => {
    const seen: number[] = [];
    let sinceId = first;
    for (;;) {
      const answer = await history("customers", { "filter[sinceId]": String(sinceId), limit: "100" });
      seen.push(...answer.history.map((r) => r.customer.id));
      sinceId = answer.history.at(-1)!.id;
      if (answer.pagination.currentPage >= answer.pagination.totalPageCount) break;
    }
    expect(seen).toEqual(ids);
  });

  it("pages by page number too", async () => {
    const pages = [1, 2, 3].map((page) =>
      history("customers", { "filter[sinceId]": String(first), limit: "100", page: String(page) }),
    );
    const all = (await Promise.all(pages)).flatMap((a) => a.history.map((r) => r.customer.id));
    expect(all).toEqual(ids);
  });

  it("filters by startDate and endDate, both inclusive, in the account's time", async () => {
    clock.advance(60_000);
    const at = clock.now();
    const a = fake.account.addCustomer({ firstName: "OnTheSecond" });
    clock.advance(1_000);
    const b = fake.account.addCustomer({ firstName: "NextSecond" });
    const local = (ms: number) => new Date(ms + 180 * 60_000).toISOString().slice(0, 19).replace("T", " ");
    const from = await history("customers", { "filter[startDate]": local(at) });
    expect(from.history.map((r) => r.customer.id)).toEqual([a, b]);
    const only = await history("customers", { "filter[startDate]": local(at), "filter[endDate]": local(at) });
    expect(only.history.map((r) => r.customer.id)).toEqual([a]);
    const later = await history("customers", { "filter[startDate]": local(at + 1_000) });
    expect(later.history.map((r) => r.customer.id)).toEqual([b]);
  });

  it("refuses a malformed sinceId, startDate or limit with 400 naming it", async () => {
    for (const [name, value, error] of [
      ["filter[sinceId]", "abc", "children[sinceId]"],
      ["filter[startDate]", "2026-13-01 00:00:00", "children[startDate]"],
      ["filter[startDate]", "2026-01-15T10:00:00Z", "children[startDate]"],
      ["limit", "1000", "limit"],
    ] as const) {
      const { status, body } = await apiGet(fake.url, "/api/v5/customers/history", { [name]: value }, key);
      expect([name, value, status]).toEqual([name, value, 400]);
      expect(body).toMatchObject({
        success: false,
        errorMsg: "Errors in the input parameters",
        errors: { [error]: expect.any(String) },
      });
    }
  });
});

describe("fake retailCRM: corporate customers history", () => {
  it("records created, nick_name, company, main_company, company.name and deleted, naming the customer `customer`", async () => {
    const start = fake.account.lastRecordId();
    const contact = fake.account.addCustomer({ firstName: "Contact" });
    const id = fake.account.addCorporate({ nickName: "Acme", contacts: [contact] });
    fake.account.updateCorporate(id, { nickName: "Acme Group" });
    const companyId = fake.account.addCompany(id, "Acme LLC");
    fake.account.renameCompany(id, companyId, "Acme Holding LLC");
    fake.account.deleteCorporate(id);
    const records = await after("customers-corporate", start);
    expect(records[0]).toMatchObject({
      created: true,
      field: "id",
      newValue: id,
      customer: { type: "customer_corporate", id, nickName: "Acme", customerContacts: [{ customer: { id: contact } }] },
    });
    expect(records.slice(1, -1).map(slim)).toEqual([
      ["nick_name", "Acme", "Acme Group"],
      ["company", null, { id: companyId, name: "Acme LLC" }],
      ["main_company", null, { id: companyId, name: "Acme LLC" }],
      ["company.name", "Acme LLC", "Acme Holding LLC"],
    ]);
    expect(records[2]!.company).toMatchObject({ id: companyId, name: "Acme LLC", active: true });
    expect(records[1]!.customer).toEqual({ id, site: "fake-shop" });
    expect(records.at(-1)).toMatchObject({
      deleted: true,
      oldValue: id,
      newValue: null,
      customer: { nickName: "Acme Group" },
    });
  });

  it("numbers both histories from one sequence, so neither history's ids are contiguous", async () => {
    const start = fake.account.lastRecordId();
    fake.account.addCustomer({ firstName: "P" });
    fake.account.addCorporate({ nickName: "Q" });
    fake.account.addCustomer({ firstName: "R" });
    expect((await after("customers", start)).map((r) => r.id)).toEqual([start + 1, start + 3]);
    expect((await after("customers-corporate", start)).map((r) => r.id)).toEqual([start + 2]);
  });
});
