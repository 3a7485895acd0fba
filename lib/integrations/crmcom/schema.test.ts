import { describe, expect, it } from "vitest";
import { crmcomContactSchema, crmcomPageSchema, crmcomTime } from "./schema";
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

  it("maps a company by its company name", () => {
    const contact = crmcomContactSchema.parse({ id: "b-1", contact_type: "COMPANY", company_name: "Acme Ltd", updated_date: "2026-01-01T00:00:00Z" });
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
  it("reads content and paging.has_more, or a bare array", () => {
    expect(crmcomPageSchema.parse({ content: [1], paging: { page: 1, size: 1, total: 2, has_more: true } })).toEqual({
      content: [1],
      hasMore: true,
    });
    expect(crmcomPageSchema.parse([1, 2])).toEqual({ content: [1, 2], hasMore: null });
    expect(crmcomPageSchema.safeParse({ items: [] }).success).toBe(false);
  });
});
