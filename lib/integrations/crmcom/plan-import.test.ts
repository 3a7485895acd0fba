import { describe, expect, it } from "vitest";
import type { StoredRef } from "@/lib/db/external-ref-batches";
import { crmcomContactSchema, type CrmcomContact } from "./schema";
import { newestById, planContactImport } from "./plan-import";
import { planChannelMerge } from "@/lib/db/contact-channel-merge";
import { crmcomToContactInput } from "./map";
import { type MatchCandidate, candidateKey, matchKeysOf } from "@/lib/contacts/contact-rules";

const t = (s: number) => 1_767_225_600 + s;

function contact(id: string, seconds: number, more: Record<string, unknown> = {}): CrmcomContact {
  return crmcomContactSchema.parse({
    id,
    contact_type: "PERSON",
    first_name: "Eleni",
    last_name: id,
    email_address: `${id}@example.com`,
    phones: [{ number: `+357 99 ${id.replace(/\D/g, "").padStart(6, "0")}`, is_primary: true }],
    updated_date: t(seconds),
    ...more,
  });
}

function ids() {
  let n = 0;
  return () => `new${++n}`;
}

const none = new Map<string, MatchCandidate>();
/** Existing contacts by key, "<kind>|<email|phone>|<key>", each created at the given time. */
const existing = (
  entries: [kind: "person" | "company", via: "email" | "phone", key: string, id: string, at: number][],
) =>
  new Map(
    entries.map(([kind, via, key, contactId, createdAt]) => [candidateKey(kind, via, key), { contactId, createdAt }]),
  );
const ref = (contactId: string, seconds: number | null, id = `ref-${contactId}`): StoredRef => ({
  id,
  contactId,
  sourceUpdatedAt: seconds === null ? null : new Date(t(seconds) * 1000),
});

describe("match keys of a CRM.COM contact", () => {
  it("are its email (lower-cased) and phone digits, with its kind", () => {
    expect(matchKeysOf(crmcomToContactInput(contact("p1", 0, { email_address: "Eleni@Example.COM" })))).toEqual({
      kind: "person",
      emails: ["eleni@example.com"],
      digits: ["35799000001"],
    });
    const acme = crmcomContactSchema.parse({
      id: "b1",
      contact_type: "COMPANY",
      company_name: "Acme",
      updated_date: 1,
      phones: [{ number: "n/a" }],
    });
    expect(matchKeysOf(crmcomToContactInput(acme))).toEqual({ kind: "company", emails: [], digits: [] });
  });
});

describe("planContactImport", () => {
  it("creates what is new, with its link and CRM.COM's update time", () => {
    const plan = planContactImport([contact("p1", 1), contact("p2", 2)], new Map(), none, ids());
    expect(plan.counts).toEqual({ created: 2, updated: 0, unchanged: 0, linked: 0 });
    expect(plan.created.map((c) => [c.id, c.input.lastName])).toEqual([
      ["new1", "p1"],
      ["new2", "p2"],
    ]);
    expect(plan.newRefs).toEqual([
      { contactId: "new1", externalId: "p1", sourceUpdatedAt: new Date(t(1) * 1000) },
      { contactId: "new2", externalId: "p2", sourceUpdatedAt: new Date(t(2) * 1000) },
    ]);
  });

  it("updates a linked contact only when CRM.COM's update time is newer than the stored one", () => {
    const stored = new Map([
      ["p1", ref("c1", 5)],
      ["p2", ref("c2", 5)],
      ["p3", ref("c3", 5)],
      ["p4", ref("c4", null)],
    ]);
    const plan = planContactImport(
      [contact("p1", 4), contact("p2", 5), contact("p3", 6), contact("p4", 0)],
      stored,
      none,
      ids(),
    );
    expect(plan.counts).toEqual({ created: 0, updated: 2, unchanged: 2, linked: 0 });
    expect(plan.changed.map((c) => c.id)).toEqual(["c3", "c4"]);
    expect(plan.refTimes).toEqual([
      { id: "ref-c3", sourceUpdatedAt: new Date(t(6) * 1000) },
      { id: "ref-c4", sourceUpdatedAt: new Date(t(0) * 1000) },
    ]);
    expect(plan.newRefs).toEqual([]);
  });

  it("links an unlinked contact to an existing one of its kind, by email first, then phone", () => {
    const matches = existing([
      ["person", "email", "p1@example.com", "old-email", 5],
      ["person", "phone", "35799000001", "old-phone-1", 1],
      ["person", "phone", "35799000002", "old-phone-2", 2],
      ["company", "phone", "35799000003", "a-company", 3],
    ]);
    const plan = planContactImport([contact("p1", 1), contact("p2", 2), contact("p3", 3)], new Map(), matches, ids());
    expect(plan.counts).toEqual({ created: 1, updated: 2, unchanged: 0, linked: 2 });
    expect(plan.changed.map((c) => c.id)).toEqual(["old-email", "old-phone-2"]);
    expect(plan.newRefs.map((r) => [r.externalId, r.contactId])).toEqual([
      ["p1", "old-email"],
      ["p2", "old-phone-2"],
      ["p3", "new1"],
    ]);
  });

  it("gives each CRM.COM contact its own contact: one claimed in the page is not matched again", () => {
    const matches = existing([["person", "email", "shared@example.com", "old", 1]]);
    const page = [
      contact("p1", 1, { email_address: "shared@example.com" }),
      contact("p2", 2, { email_address: "SHARED@example.com" }),
    ];
    const plan = planContactImport(page, new Map(), matches, ids());
    expect(plan.newRefs.map((r) => [r.externalId, r.contactId])).toEqual([
      ["p1", "old"],
      ["p2", "new1"],
    ]);
  });

  it("takes the newest copy of a contact the page holds twice", () => {
    const page = [contact("p1", 9, { first_name: "Newer" }), contact("p1", 3, { first_name: "Older" })];
    expect(newestById(page)).toMatchObject({ dropped: 1, contacts: [{ first_name: "Newer" }] });
    const plan = planContactImport(page, new Map(), none, ids());
    expect(plan.counts).toEqual({ created: 1, updated: 0, unchanged: 1, linked: 0 });
    expect(plan.created[0]?.input.firstName).toBe("Newer");
  });
});

describe("planChannelMerge", () => {
  const input = crmcomToContactInput(
    contact("p1", 1, {
      email_address: "New@Example.com",
      phones: [
        { number: "+357 99 000001", is_primary: false },
        { number: "+357 96 123456", is_primary: true },
      ],
    }),
  );

  it("adds what the contact lacks and moves the primary flag to CRM.COM's primary", () => {
    const stored = {
      emails: new Map([["c1", [{ key: "old@example.com", isPrimary: true }]]]),
      phones: new Map([["c1", [{ key: "35799000001", isPrimary: true }]]]),
    };
    const merge = planChannelMerge([{ id: "c1", input }], stored, ids());
    expect(merge.emails).toEqual([
      {
        id: "new1",
        contactId: "c1",
        email: "New@Example.com",
        emailLower: "new@example.com",
        label: null,
        isPrimary: true,
      },
    ]);
    expect(merge.phones).toEqual([
      { id: "new3", contactId: "c1", phone: "+357 96 123456", digits: "35796123456", type: null, isPrimary: true },
    ]);
    expect(merge.primaryEmails).toEqual([{ contactId: "c1", key: "new@example.com" }]);
    expect(merge.primaryPhones).toEqual([{ contactId: "c1", key: "35796123456" }]);
  });

  it("writes nothing when the contact is already in step", () => {
    const stored = {
      emails: new Map([
        [
          "c1",
          [
            { key: "new@example.com", isPrimary: true },
            { key: "other@example.com", isPrimary: false },
          ],
        ],
      ]),
      phones: new Map([
        [
          "c1",
          [
            { key: "35799000001", isPrimary: false },
            { key: "35796123456", isPrimary: true },
          ],
        ],
      ]),
    };
    expect(planChannelMerge([{ id: "c1", input }], stored, ids())).toEqual({
      emails: [],
      phones: [],
      primaryEmails: [],
      primaryPhones: [],
    });
  });

  it("adds to a contact that had none without a separate primary statement", () => {
    const merge = planChannelMerge([{ id: "c2", input }], { emails: new Map(), phones: new Map() }, ids());
    expect(merge.emails.map((e) => [e.emailLower, e.isPrimary])).toEqual([["new@example.com", true]]);
    expect(merge.phones.map((p) => [p.digits, p.isPrimary])).toEqual([
      ["35799000001", false],
      ["35796123456", true],
    ]);
    expect(merge.primaryEmails).toEqual([]);
    expect(merge.primaryPhones).toEqual([]);
  });
});
