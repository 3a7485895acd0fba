import { describe, expect, it } from "vitest";
import type { HousingLead } from "./schemas";
import { planLeadImport } from "./import-leads";
import { leadIdentityKey, personFromLead } from "./mapping";
import { type MatchCandidate, candidateKey, matchKeysOf } from "@/lib/contacts/contact-rules";

function lead(overrides: Partial<HousingLead> = {}): HousingLead {
  const base = {
    name: "Asha Rani Patel",
    phone: "+91 98765-43210",
    email: "Asha@Example.com",
    projectId: "1233",
    projectName: "ABC Projects",
    locality: "Powai",
    leadSeconds: 1_700_000_000,
    ...overrides,
  };
  return { ...base, raw: overrides.raw ?? JSON.stringify(base) };
}

function ids() {
  let n = 0;
  return () => `id${++n}`;
}

const none = new Map<string, MatchCandidate>();
const existing = (entries: [via: "email" | "phone", key: string, id: string, at: number][]) =>
  new Map(
    entries.map(([via, key, contactId, createdAt]) => [candidateKey("person", via, key), { contactId, createdAt }]),
  );

describe("Housing.com lead mapping", () => {
  it("identifies a lead by project, phone digits and lead date", () => {
    expect(leadIdentityKey(lead())).toBe("1233|919876543210|1700000000");
    expect(leadIdentityKey(lead({ phone: "919876543210" }))).toBe(leadIdentityKey(lead()));
    expect(leadIdentityKey(lead({ phone: null }))).toBe("1233||1700000000");
  });

  it("is matched by lower-cased email and phone digits, ignoring an unusable email or phone", () => {
    expect(matchKeysOf(personFromLead(lead()))).toEqual({
      kind: "person",
      emails: ["asha@example.com"],
      digits: ["919876543210"],
    });
    expect(matchKeysOf(personFromLead(lead({ phone: "n/a", email: "not given" })))).toEqual({
      kind: "person",
      emails: [],
      digits: [],
    });
  });

  it("makes a person with the name split into first and last", () => {
    expect(personFromLead(lead())).toEqual({
      kind: "person",
      firstName: "Asha Rani",
      lastName: "Patel",
      phones: [{ phone: "+91 98765-43210", isPrimary: true }],
      emails: [{ email: "Asha@Example.com", isPrimary: true }],
    });
    expect(personFromLead(lead({ name: "Akshay", phone: null, email: null }))).toEqual({
      kind: "person",
      firstName: "Akshay",
      lastName: null,
      phones: [],
      emails: [],
    });
  });
});

describe("planLeadImport", () => {
  it("creates a person and a lead for a lead that matches nothing", () => {
    const plan = planLeadImport([lead()], new Map(), none, ids());
    expect(plan.newPeople).toEqual([{ id: "id1", input: personFromLead(lead()) }]);
    expect(plan.newLeads).toMatchObject([
      { id: "id2", contactId: "id1", identityKey: "1233|919876543210|1700000000", source: "housing" },
    ]);
    expect(plan.newLeads[0]!.leadDate.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect([plan.duplicates, plan.matchedContacts, plan.changedLeads]).toEqual([0, 0, []]);
  });

  it("links to an existing person by the contact rules: email first, then phone digits", () => {
    const candidates = existing([
      ["phone", "919876543210", "phone-contact", 1],
      ["email", "asha@example.com", "email-contact", 2],
    ]);
    const both = planLeadImport([lead()], new Map(), candidates, ids());
    expect(both.newLeads[0]!.contactId).toBe("email-contact");
    const phoneOnly = planLeadImport([lead({ email: "other@example.com" })], new Map(), candidates, ids());
    expect(phoneOnly.newLeads[0]!.contactId).toBe("phone-contact");
    expect([both.newPeople.length, both.matchedContacts, phoneOnly.matchedContacts]).toEqual([0, 1, 1]);
  });

  it("does not link a lead to a company", () => {
    const company = new Map([[candidateKey("company", "phone", "919876543210"), { contactId: "acme", createdAt: 1 }]]);
    const plan = planLeadImport([lead()], new Map(), company, ids());
    expect(plan.newPeople.map((p) => p.id)).toEqual([plan.newLeads[0]!.contactId]);
  });

  it("gives leads of one window sharing a phone or an email one new person", () => {
    const plan = planLeadImport(
      [
        lead({ leadSeconds: 1 }),
        lead({ leadSeconds: 2, email: null }),
        lead({ leadSeconds: 3, phone: "+1 555 0100" }),
        lead({ leadSeconds: 4, phone: "+44 20 7946 0000", email: "someone@else.org" }),
      ],
      new Map(),
      none,
      ids(),
    );
    expect(plan.newPeople).toHaveLength(2);
    const contacts = plan.newLeads.map((l) => l.contactId);
    expect(contacts[0]).toBe(contacts[1]);
    expect(contacts[0]).toBe(contacts[2]);
    expect(contacts[3]).not.toBe(contacts[0]);
    expect(plan.matchedContacts).toBe(0);
  });

  it("skips leads already stored unchanged and repeated ones, updates changed ones", () => {
    const stored = new Map([
      [leadIdentityKey(lead()), { id: "stored-1", raw: lead().raw }],
      [leadIdentityKey(lead({ leadSeconds: 5 })), { id: "stored-2", raw: "{}" }],
    ]);
    const plan = planLeadImport(
      [lead(), lead(), lead({ leadSeconds: 5 }), lead({ leadSeconds: 6 }), lead({ leadSeconds: 6 })],
      stored,
      none,
      ids(),
    );
    expect(plan.duplicates).toBe(3);
    expect(plan.changedLeads.map((c) => c.id)).toEqual(["stored-2"]);
    expect(plan.newLeads.map((l) => l.identityKey)).toEqual([leadIdentityKey(lead({ leadSeconds: 6 }))]);
  });
});
