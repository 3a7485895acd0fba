import { describe, expect, it } from "vitest";
import { crmcomContactSchema, crmcomPageSchema, crmcomTime, crmcomTokensSchema, readContacts } from "./schema";
import { crmcomToContactInput } from "./map";

describe("crmcomTime", () => {
  it("reads epoch seconds, epoch milliseconds and ISO 8601", () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0);
    expect(crmcomTime.parse(at / 1000).getTime()).toBe(at);
    expect(crmcomTime.parse(at).getTime()).toBe(at);
    expect(crmcomTime.parse(String(at / 1000)).getTime()).toBe(at);
    expect(crmcomTime.parse("2026-11-30T12:00:00Z").getTime()).toBe(at);
    expect(crmcomTime.safeParse("last tuesday").success).toBe(false);
  });
});

describe("crmcomContactSchema", () => {
  const person = {
    id: "c-1",
    contact_type: "PERSON",
    first_name: "Jimmy",
    last_name: "Connors",
    email_address: "Jimmy@Example.com",
    phones: [{ number: "07566 224395", country_code: "GBR", phone_type: "MOBILE", is_primary: true }],
    updated_date: 1764504000,
    loyalty_tier: "gold",
  };

  it("accepts a person, ignoring unknown fields, and maps it", () => {
    const contact = crmcomContactSchema.parse(person);
    expect(crmcomToContactInput(contact)).toEqual({
      kind: "person",
      firstName: "Jimmy",
      lastName: "Connors",
      emails: [{ email: "Jimmy@Example.com", isPrimary: true }],
      phones: [{ phone: "07566 224395", type: "mobile", isPrimary: true }],
      externalRefs: [{ system: "crmcom", externalId: "c-1", sourceUpdatedAt: new Date(1764504000 * 1000) }],
    });
  });

  it("makes exactly one phone primary: the one CRM.COM marks, else the first", () => {
    const phones = (list: { number: string; is_primary?: boolean }[]) =>
      crmcomToContactInput(crmcomContactSchema.parse({ ...person, phones: list })).phones?.map((p) => p.isPrimary);
    expect(phones([{ number: "1" }, { number: "2", is_primary: true }, { number: "3", is_primary: true }])).toEqual([
      false,
      true,
      false,
    ]);
    expect(phones([{ number: "1" }, { number: "2" }])).toEqual([true, false]);
    expect(phones([])).toEqual([]);
  });

  it("maps a company by its company name", () => {
    const contact = crmcomContactSchema.parse({
      id: "b-1",
      contact_type: "COMPANY",
      company_name: "Acme Ltd",
      updated_date: "2026-01-01T00:00:00Z",
    });
    expect(crmcomToContactInput(contact)).toMatchObject({ kind: "company", name: "Acme Ltd", emails: [], phones: [] });
  });

  it("rejects records that cannot become a contact", () => {
    const bad = [
      { ...person, id: "" },
      { ...person, contact_type: "ROBOT" },
      { ...person, updated_date: "soon" },
      { ...person, email_address: "not-an-email" },
      { id: "b-2", contact_type: "COMPANY", updated_date: 1 },
      { id: "p-2", contact_type: "PERSON", updated_date: 1 },
      { ...person, phones: [{ number: "" }] },
    ];
    for (const record of bad) expect(crmcomContactSchema.safeParse(record).success).toBe(false);
  });
});

describe("crmcomPageSchema", () => {
  it("reads content, paging.has_more and paging.total, or a bare array", () => {
    expect(crmcomPageSchema.parse({ content: [1], paging: { page: 1, size: 1, total: 2, has_more: true } })).toEqual({
      content: [1],
      hasMore: true,
      total: 2,
    });
    expect(crmcomPageSchema.parse({ content: [], paging: { has_more: false, total: "many" } })).toEqual({
      content: [],
      hasMore: false,
      total: null,
    });
    expect(crmcomPageSchema.parse({ content: [1] })).toEqual({ content: [1], hasMore: null, total: null });
    expect(crmcomPageSchema.parse([1, 2])).toEqual({ content: [1, 2], hasMore: null, total: null });
    expect(crmcomPageSchema.safeParse({ items: [] }).success).toBe(false);
    expect(crmcomPageSchema.safeParse({ content: {} }).success).toBe(false);
  });
});

describe("readContacts", () => {
  it("keeps the valid contacts and names each invalid one by its id and first problem", () => {
    const good = { id: "p-1", contact_type: "PERSON", first_name: "Ann", updated_date: 1764504000 };
    const records = [
      good,
      { ...good, id: "p-2", email_address: "not-an-email" },
      { ...good, id: 42, contact_type: "ROBOT" },
      { first_name: "No Id", contact_type: "PERSON", updated_date: 1 },
      "garbage",
      { ...good, id: "p-3", phones: [{ number: "+44 20 7946 0000" }], first_name: null },
    ];
    const { contacts, problems } = readContacts(records, 7);
    expect(contacts.map((c) => c.id)).toEqual(["p-1", "p-3"]);
    expect(problems).toEqual([
      "p-2: email_address: Invalid email address",
      expect.stringMatching(/^42: (id|contact_type): /),
      expect.stringMatching(/^record 4 of page 7 \(no id\): id: /),
      expect.stringMatching(/^record 5 of page 7 \(no id\): /),
    ]);
  });
});

describe("crmcomTokensSchema", () => {
  it("reads the access and refresh tokens of a sign-in answer, ignoring the rest", () => {
    expect(crmcomTokensSchema.parse({ access_token: "a", refresh_token: "r", organisations: [] })).toEqual({
      access: "a",
      refresh: "r",
    });
    expect(crmcomTokensSchema.parse({ access_token: "a" })).toEqual({ access: "a", refresh: null });
    expect(crmcomTokensSchema.safeParse({ token: "a" }).success).toBe(false);
  });
});
